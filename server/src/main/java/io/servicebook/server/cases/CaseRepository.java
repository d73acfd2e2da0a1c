package io.servicebook.server.cases;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Customer;
import io.servicebook.cases.Interaction;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import io.servicebook.server.cases.StoredCase.ProtocolRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Cases, their conversations and the idempotency keys of their creation, in SQL. */
@Repository
class CaseRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String COLUMNS =
      """
      id, status, channel, category, subject, priority, assignee, team, customer_id,
      customer_first_name, customer_last_name, customer_email, customer_phone, customer_language,
      customer_tier, customer_lifetime_value, protocol_slug, protocol_version, alternatives,
      created_at, version,
      """
          + CustomerPreferencesRepository.columns("service_case.customer_id");

  private final JdbcClient jdbc;

  CaseRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Which cases a listing shows, and after which one it continues. */
  record Filter(
      Optional<CaseStatus> status,
      Optional<Channel> channel,
      Optional<String> protocol,
      Optional<Queue> queue,
      Optional<Instant> dueBefore,
      Optional<String> customerId,
      Optional<Position> after,
      int limit,
      Optional<String> language,
      Optional<String> tier) {

    /** Only the cases of one person or team, or those nobody has. */
    sealed interface Queue {
      record Assignee(String username) implements Queue {}

      record Team(String team) implements Queue {}

      record Unassigned() implements Queue {}
    }
  }

  /**
   * A place in the listing order, then id: newest first by created_at; or, for a listing of cases
   * due before a time (the breaching queue), soonest due first by sla_due_at.
   */
  record Position(Instant at, String id) {}

  void insert(StoredCase stored, String actor) {
    Case c = stored.kase();
    Customer customer = c.customer();
    jdbc.sql(
            """
            INSERT INTO service_case
              (id, status, channel, category, subject, priority, assignee, team, customer_id,
               customer_first_name, customer_last_name, customer_email, customer_phone,
               customer_language, customer_tier, customer_lifetime_value, protocol_slug,
               protocol_version, alternatives, created_at, created_by, version)
            VALUES (:id, :status, :channel, :category, :subject, :priority, :assignee, :team,
                    :customerId, :firstName, :lastName, :email, :phone, :language, :tier,
                    :lifetimeValue, :protocolSlug, :protocolVersion, :alternatives, :createdAt,
                    :createdBy, 0)
            """)
        .param("id", c.id())
        .param("status", c.status().name())
        .param("channel", c.channel().name())
        .param("category", c.category())
        .param("subject", c.subject())
        .param("priority", c.priority().name())
        .param("assignee", c.assignee().orElse(null))
        .param("team", c.team().orElse(null))
        .param("customerId", customer.id())
        .param("firstName", customer.firstName())
        .param("lastName", customer.lastName())
        .param("email", customer.email().orElse(null))
        .param("phone", customer.phone().orElse(null))
        .param("language", customer.language())
        .param("tier", customer.tier())
        .param("lifetimeValue", customer.lifetimeValue())
        .param("protocolSlug", stored.protocol().map(ProtocolRef::slug).orElse(null))
        .param("protocolVersion", stored.protocol().map(ProtocolRef::version).orElse(null))
        .param("alternatives", JSON.writeValueAsString(stored.alternatives()))
        .param("createdAt", Timestamp.from(c.createdAt()))
        .param("createdBy", actor)
        .update();
  }

  /**
   * Writes the case's status, priority and assignment if nobody changed it since {@code version};
   * false when somebody did.
   */
  boolean update(Case c, long version) {
    return jdbc.sql(
                """
                UPDATE service_case
                SET status = :status, priority = :priority, assignee = :assignee, team = :team,
                    version = version + 1
                WHERE id = :id AND version = :version
                """)
            .param("status", c.status().name())
            .param("priority", c.priority().name())
            .param("assignee", c.assignee().orElse(null))
            .param("team", c.team().orElse(null))
            .param("id", c.id())
            .param("version", version)
            .update()
        == 1;
  }

  /** Keeps the earliest due time of the case's running clocks, for the breaching-soon listing. */
  void slaDue(String caseId, Optional<Instant> due) {
    jdbc.sql(
            """
            UPDATE service_case SET sla_due_at = :due
            WHERE id = :id AND sla_due_at IS DISTINCT FROM :due
            """)
        .param("id", caseId)
        .param("due", due.map(Timestamp::from).orElse(null), java.sql.Types.TIMESTAMP)
        .update();
  }

  /**
   * Points the case at another protocol version (the agent switched protocol) if nobody changed it
   * since {@code version}; false when somebody did.
   */
  boolean updateProtocol(String id, ProtocolRef protocol, long version) {
    return jdbc.sql(
                """
                UPDATE service_case
                SET protocol_slug = :slug, protocol_version = :protocolVersion,
                    version = version + 1
                WHERE id = :id AND version = :version
                """)
            .param("slug", protocol.slug())
            .param("protocolVersion", protocol.version())
            .param("id", id)
            .param("version", version)
            .update()
        == 1;
  }

  /** Marks the case merged into another; false when it is merged already. */
  boolean markMerged(String id, String into, Instant at, String actor) {
    return jdbc.sql(
                """
                UPDATE service_case SET merged_into = :into, merged_at = :at, merged_by = :actor
                WHERE id = :id AND merged_into IS NULL
                """)
            .param("into", into)
            .param("at", Timestamp.from(at))
            .param("actor", actor)
            .param("id", id)
            .update()
        == 1;
  }

  /** The case this one was merged into, if it was. */
  Optional<String> mergedInto(String id) {
    return jdbc.sql("SELECT merged_into FROM service_case WHERE id = :id")
        .param("id", id)
        .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
        .optional()
        .flatMap(o -> o);
  }

  /** The cases merged into this one, oldest merge first. */
  List<String> mergedFrom(String id) {
    return jdbc.sql("SELECT id FROM service_case WHERE merged_into = :id ORDER BY merged_at, id")
        .param("id", id)
        .query(String.class)
        .list();
  }

  void addInteraction(String caseId, Interaction i) {
    jdbc.sql(
            """
            INSERT INTO case_interaction
              (case_id, kind, channel, author, body, visibility, occurred_at, call_direction,
               call_seconds)
            VALUES (:caseId, :kind, :channel, :author, :body, :visibility, :at, :direction,
                    :seconds)
            """)
        .param("caseId", caseId)
        .param("kind", i.kind().name())
        .param("channel", i.channel().name())
        .param("author", i.author())
        .param("body", i.body())
        .param("visibility", i.visibility().name())
        .param("at", Timestamp.from(i.at()))
        .param("direction", i.call().map(c -> c.direction().name()).orElse(null))
        .param("seconds", i.call().map(c -> c.duration().toSeconds()).orElse(null))
        .update();
  }

  Optional<StoredCase> find(String id) {
    List<Interaction> conversation = interactions(id);
    return jdbc.sql("SELECT " + COLUMNS + " FROM service_case WHERE id = :id")
        .param("id", id)
        .query((rs, n) -> row(rs, conversation))
        .optional();
  }

  /**
   * The cases of protocols created from {@code from} (inclusive) up to {@code to} (exclusive),
   * oldest first, with their conversations but not the messages' text: two queries, however many
   * cases.
   */
  List<StoredCase> createdBetween(
      Instant from, Instant to, Optional<String> protocol, Optional<Integer> version) {
    StringBuilder where =
        new StringBuilder(
            " WHERE created_at >= :from AND created_at < :to AND protocol_slug IS NOT NULL");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("from", Timestamp.from(from));
    params.put("to", Timestamp.from(to));
    protocol.ifPresent(
        p -> {
          where.append(" AND protocol_slug = :protocol");
          params.put("protocol", p);
        });
    version.ifPresent(
        v -> {
          where.append(" AND protocol_version = :version");
          params.put("version", v);
        });
    return forReports(where.toString(), params);
  }

  /** The cases of protocols among these ids, for reports like {@link #createdBetween}. */
  List<StoredCase> forReports(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return forReports(
        " WHERE id IN (:ids) AND protocol_slug IS NOT NULL", Map.of("ids", List.copyOf(ids)));
  }

  private List<StoredCase> forReports(String where, Map<String, Object> params) {
    Map<String, List<Interaction>> conversations = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT case_id, kind, channel, author, '' AS body, visibility, occurred_at,
                   call_direction, call_seconds
            FROM case_interaction WHERE case_id IN (SELECT id FROM service_case"""
                + where
                + ") ORDER BY case_id, id")
        .params(params)
        .query(
            rs -> {
              conversations
                  .computeIfAbsent(rs.getString("case_id"), id -> new ArrayList<>())
                  .add(interaction(rs));
            });
    return jdbc.sql("SELECT " + COLUMNS + " FROM service_case" + where + " ORDER BY created_at, id")
        .params(params)
        .query((rs, n) -> row(rs, conversations.getOrDefault(rs.getString("id"), List.of())))
        .list();
  }

  /** A listed case and where it stands in the listing order. */
  record Listed(StoredCase stored, Position position) {}

  /**
   * One page of cases in the filter's order (see {@link Position}), without their conversations;
   * one more than the limit.
   */
  List<Listed> list(Filter filter) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + ", sla_due_at FROM service_case WHERE 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    filter
        .status()
        .ifPresent(
            s -> {
              sql.append(" AND status = :status");
              params.put("status", s.name());
            });
    filter
        .channel()
        .ifPresent(
            c -> {
              sql.append(" AND channel = :channel");
              params.put("channel", c.name());
            });
    filter
        .protocol()
        .ifPresent(
            p -> {
              sql.append(" AND protocol_slug = :protocol");
              params.put("protocol", p);
            });
    filter
        .queue()
        .ifPresent(
            q -> {
              switch (q) {
                case Filter.Queue.Assignee a -> {
                  sql.append(" AND assignee = :assignee");
                  params.put("assignee", a.username());
                }
                case Filter.Queue.Team t -> {
                  sql.append(" AND team = :team");
                  params.put("team", t.team());
                }
                case Filter.Queue.Unassigned u -> sql.append(" AND assignee IS NULL");
              }
            });
    filter
        .dueBefore()
        .ifPresent(
            due -> {
              sql.append(" AND sla_due_at <= :due");
              params.put("due", Timestamp.from(due));
            });
    filter
        .customerId()
        .ifPresent(
            id -> {
              sql.append(" AND customer_id = :customerId");
              params.put("customerId", id);
            });
    boolean byDue = filter.dueBefore().isPresent();
    filter
        .language()
        .ifPresent(
            l -> {
              sql.append(" AND LOWER(customer_language) = :language");
              params.put("language", l.toLowerCase(Locale.ROOT));
            });
    filter
        .tier()
        .ifPresent(
            t -> {
              sql.append(" AND LOWER(customer_tier) = :tier");
              params.put("tier", t.toLowerCase(Locale.ROOT));
            });
    filter
        .after()
        .ifPresent(
            after -> {
              sql.append(
                  byDue
                      ? " AND (sla_due_at > :at OR (sla_due_at = :at AND id > :afterId))"
                      : " AND (created_at < :at OR (created_at = :at AND id < :afterId))");
              params.put("at", Timestamp.from(after.at()));
              params.put("afterId", after.id());
            });
    sql.append(
        byDue
            ? " ORDER BY sla_due_at ASC, id ASC LIMIT :limit"
            : " ORDER BY created_at DESC, id DESC LIMIT :limit");
    params.put("limit", filter.limit() + 1);
    return jdbc.sql(sql.toString())
        .params(params)
        .query(
            (rs, n) -> {
              StoredCase stored = row(rs, List.of());
              Timestamp at = byDue ? rs.getTimestamp("sla_due_at") : null;
              return new Listed(
                  stored,
                  new Position(
                      at == null ? stored.kase().createdAt() : at.toInstant(), stored.kase().id()));
            })
        .list();
  }

  /** The customers' languages among the cases, lower case, for the inbox's filter. */
  List<String> languages() {
    return jdbc.sql("SELECT DISTINCT LOWER(customer_language) FROM service_case ORDER BY 1")
        .query(String.class)
        .list();
  }

  /** The customers' tiers among the cases, lower case, for the inbox's filter. */
  List<String> tiers() {
    return jdbc.sql("SELECT DISTINCT LOWER(customer_tier) FROM service_case ORDER BY 1")
        .query(String.class)
        .list();
  }

  long count() {
    return jdbc.sql("SELECT COUNT(*) FROM service_case").query(Long.class).single();
  }

  /** How many cases the customer opened before {@code at} (a case merged away counts too). */
  long countOpenedBefore(String customerId, Instant at) {
    return jdbc.sql("SELECT COUNT(*) FROM service_case WHERE customer_id = :c AND created_at < :at")
        .param("c", customerId)
        .param("at", Timestamp.from(at))
        .query(Long.class)
        .single();
  }

  /** The first answer given to a creation with this idempotency key. */
  record Remembered(String caseId, String requestHash, String response) {}

  Optional<Remembered> remembered(String key) {
    return jdbc.sql(
            """
            SELECT case_id, request_hash, response FROM case_idempotency_key
            WHERE idempotency_key = :key
            """)
        .param("key", key)
        .query((rs, n) -> new Remembered(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  void remember(String key, Remembered answer, String actor, Instant at) {
    jdbc.sql(
            """
            INSERT INTO case_idempotency_key
              (idempotency_key, case_id, request_hash, response, created_at, created_by)
            VALUES (:key, :caseId, :hash, :response, :at, :actor)
            """)
        .param("key", key)
        .param("caseId", answer.caseId())
        .param("hash", answer.requestHash())
        .param("response", answer.response())
        .param("at", Timestamp.from(at))
        .param("actor", actor)
        .update();
  }

  private List<Interaction> interactions(String caseId) {
    return jdbc.sql(
            """
            SELECT kind, channel, author, body, visibility, occurred_at, call_direction,
                   call_seconds
            FROM case_interaction WHERE case_id = :caseId ORDER BY id
            """)
        .param("caseId", caseId)
        .query((rs, n) -> interaction(rs))
        .list();
  }

  private static Interaction interaction(ResultSet rs) throws SQLException {
    return new Interaction(
        Interaction.Kind.valueOf(rs.getString("kind")),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("author"),
        rs.getString("body"),
        Interaction.Visibility.valueOf(rs.getString("visibility")),
        rs.getTimestamp("occurred_at").toInstant(),
        call(rs));
  }

  private static Optional<Interaction.Call> call(ResultSet rs) throws SQLException {
    String direction = rs.getString("call_direction");
    return direction == null
        ? Optional.empty()
        : Optional.of(
            new Interaction.Call(
                Interaction.Direction.valueOf(direction),
                Duration.ofSeconds(rs.getLong("call_seconds"))));
  }

  private static StoredCase row(ResultSet rs, List<Interaction> interactions) throws SQLException {
    Customer customer =
        new Customer(
            rs.getString("customer_id"),
            rs.getString("customer_first_name"),
            rs.getString("customer_last_name"),
            Optional.ofNullable(rs.getString("customer_email")),
            Optional.ofNullable(rs.getString("customer_phone")),
            rs.getString("customer_language"),
            rs.getString("customer_tier"),
            rs.getBigDecimal("customer_lifetime_value"),
            CustomerPreferencesRepository.read(rs));
    Case c =
        new Case(
            rs.getString("id"),
            customer,
            Channel.valueOf(rs.getString("channel")),
            rs.getString("category"),
            rs.getString("subject"),
            Priority.valueOf(rs.getString("priority").toUpperCase(Locale.ROOT)),
            CaseStatus.valueOf(rs.getString("status")),
            Optional.ofNullable(rs.getString("assignee")),
            Optional.ofNullable(rs.getString("team")),
            List.of(),
            rs.getTimestamp("created_at").toInstant(),
            interactions);
    String slug = rs.getString("protocol_slug");
    Optional<ProtocolRef> protocol =
        slug == null
            ? Optional.empty()
            : Optional.of(new ProtocolRef(slug, rs.getInt("protocol_version")));
    List<ProtocolRef> alternatives =
        new ArrayList<>(
            JSON.readValue(
                rs.getString("alternatives"), new TypeReference<List<ProtocolRef>>() {}));
    return new StoredCase(c, protocol, alternatives, rs.getLong("version"));
  }
}
