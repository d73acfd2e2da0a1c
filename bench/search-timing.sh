#!/usr/bin/env bash
# Search at scale: p50/p99 of GET /api/v1/search over HTTP with CASES cases' search entries
# (default 1,000,000 on PostgreSQL; DB=h2 and 100,000 on the embedded H2 with Lucene) and half as
# many customers'. The entries are written in bulk by SQL — the rows the indexer writes for a case:
# subject, the messages' text, an order number, a product model (~0.2% of cases each) and batch
# (~0.005% each), the customer's name, address and phone, in English, German, Spanish and other
# languages (a quarter each) — then ANALYZE (PostgreSQL; its autovacuum may be off), then the server
# starts on them and QUERIES (default 400) searches of fourteen kinds are timed with curl: an order
# number, an address, a phone, a surname (~2% of cases), a common word in German and in Spanish in
# another form (~2.5%), two words, a word with a status filter that no case has, a word no case
# has, a model, a batch, a word with a team filter (~0.8%), a common word in a week halfway back,
# and the fifth page of a common word.
# Prints p50/p99/max per kind and over all. KEEP=1 keeps the loaded PostgreSQL database, and
# REUSE=<its name> runs the searches again on it (to try a change without loading again). Needs
# PostgreSQL on 127.0.0.1:5432 (user postgres, trust) for DB=postgres and a built tree:
# ./mvnw -q -B -DskipTests package -pl server -am
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
servicebook_find_jdk
kind="${DB:-postgres}"
if [ "$kind" = h2 ]; then cases="${CASES:-100000}"; else cases="${CASES:-1000000}"; fi
queries="${QUERIES:-400}"
jar="${JAR:-server/target/servicebook.jar}"
data=$(mktemp -d)
port=18186
token="sb_search_$(date +%s)"
db="${REUSE:-servicebook_search_$(date +%s)}"
server=
stop_server() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=; fi
}
trap 'stop_server
      [ "$kind" = h2 ] || [ -n "${KEEP:-}${REUSE:-}" ] || psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
      rm -rf "$data"' EXIT
start_server() {
  SERVICEBOOK_BOOTSTRAP_TOKEN="$token" "$JAVA_HOME/bin/java" -jar "$jar" serve --port $port --data-dir "$data" \
    >> "$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && return 0; sleep 1; done
  echo "the server did not start; its log:"; tail -50 "$data/server.log"; exit 1
}
if [ "$kind" != h2 ]; then
  export SERVICEBOOK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SERVICEBOOK_DB_USER=postgres SERVICEBOOK_DB_PASSWORD=
  [ -n "${REUSE:-}" ] || psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db"
fi
if [ -n "${REUSE:-}" ]; then
  [ "$kind" != h2 ] || { echo "REUSE is for PostgreSQL only"; exit 2; }
  echo "reusing the loaded database $db"
else

# the schema: the server migrates the database once, then stops
start_server
stop_server

# i: 1..CASES; language by i % 4; words picked by i from fixed lists (so that each query's share
# is known); created one every 30 s up to now; the order number, address and phone unique.
if [ "$kind" = h2 ]; then
  P() { local n; n=$(awk -F'|' '{print NF}' <<< "$1"); echo "ARRAY_GET(ARRAY['$(sed "s/|/','/g" <<< "$1")'], 1 + MOD($2, $n))"; }
  S() { echo "CAST($1 AS VARCHAR)"; }
  range="SYSTEM_RANGE(1, $cases) AS r(i)"
  at="DATEADD('SECOND', -30 * ($cases - i), CURRENT_TIMESTAMP)"
else
  P() { local n; n=$(awk -F'|' '{print NF}' <<< "$1"); echo "(ARRAY['$(sed "s/|/','/g" <<< "$1")'])[1 + MOD($2, $n)]"; }
  S() { echo "CAST($1 AS TEXT)"; }
  range="generate_series(1, $cases) AS r(i)"
  at="now() - ($cases - i) * INTERVAL '30 seconds'"
fi
cat > "$data/load.sql" <<SQL
INSERT INTO search_entry (kind, ref_id, language, title, body, status, team, channel, created_at)
SELECT 'case', 'bench-' || $(S i),
  CASE MOD(i, 4) WHEN 0 THEN 'english' WHEN 1 THEN 'german' WHEN 2 THEN 'spanish' ELSE 'simple' END,
  CASE MOD(i, 4)
    WHEN 0 THEN $(P 'The parcel was damaged|My refund is late|Wrong size delivered|Cannot log in to my account|Invoice charged twice|Where is my order|The app crashes on start|Cancel my subscription|Broken screen on arrival|Address change' 'i / 4')
    WHEN 1 THEN $(P 'Rechnung doppelt abgebucht|Paket beschädigt angekommen|Lieferung verspätet|Falsche Größe geliefert|Kündigung meines Vertrags|Passwort vergessen|Rückerstattung fehlt|Gerät startet nicht|Adresse ändern|Bestellung storniert' 'i / 4')
    WHEN 2 THEN $(P 'Pedido retrasado|Factura duplicada|Los zapatos llegaron rotos|Quiero devolver el producto|No puedo iniciar sesión|Cambio de dirección|Reembolso pendiente|Talla equivocada|Cancelar mi suscripción|Pantalla rota' 'i / 4')
    ELSE $(P 'Colis endommagé|Remboursement en retard|Facture en double|Commande annulée|Mot de passe oublié|Pacco danneggiato|Rimborso in ritardo|Ordine annullato|Paczka uszkodzona|Zwrot pieniędzy' 'i / 4')
  END,
  CASE MOD(i, 4)
    WHEN 0 THEN 'Hello, I ordered it last week and it arrived with the box torn open. The items inside were scratched and I would like a replacement or my money back as soon as possible. Thanks.'
    WHEN 1 THEN 'Guten Tag, ich habe letzte Woche bestellt und die Sendung kam beschädigt an. Die Rechnungen wurden mir zweimal abgebucht. Bitte erstatten Sie mir den Betrag zurück. Danke.'
    WHEN 2 THEN 'Hola, hice el pedido la semana pasada y llegó dañado. Me cobraron dos veces las facturas y quiero que me devuelvan el dinero lo antes posible. Gracias.'
    ELSE 'Bonjour, la commande est arrivée abîmée et la facture a été débitée deux fois. Merci de me rembourser rapidement.'
  END
  || ' ORD-' || LPAD($(S i), 7, '0') || ' ORD ' || LPAD($(S i), 7, '0')
  || ' model' || $(S 'MOD(CAST(i AS BIGINT) * 7919, 500)') || ' batch' || $(S 'MOD(CAST(i AS BIGINT) * 7919, 20000)')
  || ' SB-B' || $(S i) || ' ' || $(P 'Anna|Jonas|Lucía|Mateo|Emma|Noah|Sofía|Liam|Mia|Ben' 'i / 7') || ' '
  || $(P 'Schmidt|García|Müller|Fernández|Smith|Johnson|Weber|López|Martin|Brown|Fischer|Pérez|Wagner|Sánchez|Taylor|Becker|Gómez|Hoffmann|Díaz|Wilson|Schulz|Romero|Koch|Navarro|Clark|Richter|Torres|Klein|Ruiz|Walker|Wolf|Ramírez|Schröder|Moreno|Young|Neumann|Muñoz|Schwarz|Álvarez|King|Zimmermann|Castro|Braun|Ortiz|Wright|Krüger|Rubio|Hofmann|Molina|Scott' 'i / 11')
  || ' customer' || $(S i) || '@example.com customer' || $(S i) || ' example.com +49 170 ' || $(S '1000000 + i') || ' 49170' || $(S '1000000 + i'),
  CASE WHEN MOD(i, 5) = 0 THEN 'RESOLVED' WHEN MOD(i, 5) = 1 THEN 'OPEN' ELSE 'NEW' END,
  CASE WHEN MOD(i, 3) = 0 THEN 'billing' ELSE 'support' END,
  CASE WHEN MOD(i, 3) = 0 THEN 'EMAIL' WHEN MOD(i, 3) = 1 THEN 'CHAT' ELSE 'PHONE' END,
  $at
FROM $range;
INSERT INTO search_entry (kind, ref_id, language, title, body, status, team, channel, created_at)
SELECT 'customer', 'bench-customer-' || $(S i), 'simple',
  $(P 'Anna|Jonas|Lucía|Mateo|Emma|Noah|Sofía|Liam|Mia|Ben' 'i / 7') || ' '
  || $(P 'Schmidt|García|Müller|Fernández|Smith|Johnson|Weber|López|Martin|Brown|Fischer|Pérez|Wagner|Sánchez|Taylor|Becker|Gómez|Hoffmann|Díaz|Wilson|Schulz|Romero|Koch|Navarro|Clark|Richter|Torres|Klein|Ruiz|Walker|Wolf|Ramírez|Schröder|Moreno|Young|Neumann|Muñoz|Schwarz|Álvarez|King|Zimmermann|Castro|Braun|Ortiz|Wright|Krüger|Rubio|Hofmann|Molina|Scott' 'i / 11'),
  'customer' || $(S i) || '@example.com customer' || $(S i) || ' example.com +49 170 ' || $(S '1000000 + i') || ' 49170' || $(S '1000000 + i'),
  NULL, NULL, NULL, $at
FROM $range WHERE MOD(i, 2) = 0;
SQL
echo "writing $cases cases' and $(( cases / 2 )) customers' search entries ($kind)…"
started=$(date +%s)
if [ "$kind" = h2 ]; then
  h2jar="$data/h2.jar"
  unzip -p "$jar" "$(unzip -l "$jar" | grep -o 'BOOT-INF/lib/h2-[0-9.]*\.jar' | head -n 1)" > "$h2jar"
  "$JAVA_HOME/bin/java" -cp "$h2jar" org.h2.tools.RunScript -url "jdbc:h2:file:$data/servicebook" -user sa -script "$data/load.sql"
else
  psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d "$db" -f "$data/load.sql"
  psql -q -h 127.0.0.1 -U postgres -d "$db" -c "ANALYZE"
fi
echo "written in $(( $(date +%s) - started )) s"
[ -z "${KEEP:-}" ] || [ "$kind" = h2 ] || echo "keeping the database $db (REUSE=$db runs the searches again on it)"
fi

start_server
grep -o 'Search: Lucene index of .*' "$data/server.log" | tail -n 1 || true

# the queries: each kind with values spread over the whole range
pick() { echo $(( (RANDOM * 32768 + RANDOM) % cases + 1 )); }
: > "$data/queries"
week=$(date -u -d "@$(( $(date +%s) - cases * 15 ))" +%F)
for n in $(seq 1 $(( queries / 14 + 1 ))); do
  i=$(pick)
  printf 'order %s\n' "q=ORD-$(printf '%07d' "$i")" >> "$data/queries"
  printf 'address %s\n' "q=customer$(pick)%40example.com" >> "$data/queries"
  printf 'phone %s\n' "q=%2B49%20170%20$(( 1000000 + $(pick) ))" >> "$data/queries"
  surnames=(Schmidt Weber Koch Wolf Braun Richter Klein)
  printf 'surname %s\n' "q=${surnames[$(( n % 7 ))]}" >> "$data/queries"
  words=(Rechnungen Lieferungen Pakete Bestellungen)
  printf 'german-word %s\n' "q=${words[$(( n % 4 ))]}" >> "$data/queries"
  printf 'spanish-form %s\n' "q=$( [ $(( n % 2 )) = 0 ] && echo zapato || echo pedidos)" >> "$data/queries"
  printf 'two-words %s\n' "q=$( [ $(( n % 2 )) = 0 ] && echo 'parcel%20damaged' || echo 'Paket%20besch%C3%A4digt')" >> "$data/queries"
  printf 'word+status %s\n' "q=refund&status=open" >> "$data/queries"
  printf 'nothing %s\n' "q=xylophon$n" >> "$data/queries"
  printf 'mid-word %s\n' "q=model$(( RANDOM % 500 ))" >> "$data/queries"
  printf 'rare-word %s\n' "q=batch$(( RANDOM % 20000 ))" >> "$data/queries"
  printf 'word+team %s\n' "q=parcel&team=billing" >> "$data/queries"
  printf 'word+week %s\n' "q=Rechnungen&from=$week&to=$(date -u -d "$week + 6 days" +%F)" >> "$data/queries"
  printf 'page-5 %s\n' "q=Rechnungen&page=5" >> "$data/queries"
done
head -n 20 "$data/queries" | while read -r _ q; do
  curl -s -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/search?$q"; done
while read -r label q; do
  printf '%s %s\n' "$label" "$(curl -s -o /dev/null -w '%{http_code}:%{time_total}' -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/api/v1/search?$q")"
done < "$data/queries" > "$data/times"
if grep -v ' 200:' "$data/times" | head -n 3 | grep -q .; then echo "some searches did not answer 200:"; grep -v ' 200:' "$data/times" | head -n 3; fi
echo "$kind, $cases cases, $(wc -l < "$data/times") searches (ms, curl's total time):"
report() {
  sort -t: -k2 -g | awk -F'[ :]' -v label="$1" '{ t[NR] = $3 * 1000 } END {
    p50 = t[int((NR + 1) * 0.5)]; i99 = int(NR * 0.99 + 0.999); if (i99 < 1) i99 = 1
    printf "  %-14s n %4d  p50 %7.1f  p99 %7.1f  max %7.1f\n", label, NR, p50, t[i99], t[NR] }'
}
for label in order address phone surname german-word spanish-form two-words word+status nothing \
  mid-word rare-word word+team word+week page-5; do
  grep "^$label " "$data/times" | report "$label"
done
report "all" < "$data/times"
