package io.servicebook.pack;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.testing.Packs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackReaderTests {

  @TempDir Path dir;

  private void write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void readsAFolderWithItsCalendarsAndFragments() throws IOException {
    write("refund.yaml", Packs.CLEAN);
    write("calendars/eu.yaml", Packs.EU_BUSINESS);
    write("fragments/greeting.yaml", Packs.GREETING);

    ProtocolPack pack = PackReader.read(List.of(dir));

    assertThat(pack.diagnostics()).isEmpty();
    assertThat(pack.protocols()).extracting(p -> p.slug()).containsExactly("return-and-refund");
    assertThat(pack.calendars()).containsOnlyKeys("eu-business");
    assertThat(pack.fragments()).containsOnlyKeys("greeting");
    assertThat(pack.files()).isEqualTo(3);
  }

  @Test
  void readsASingleFileWithTheCalendarsOfItsFolder() throws IOException {
    write("refund.yaml", Packs.CLEAN);
    write("calendars/eu.yaml", Packs.EU_BUSINESS);
    write("fragments/greeting.yaml", Packs.GREETING);

    assertThat(PackReader.read(List.of(dir.resolve("refund.yaml"))).diagnostics()).isEmpty();
  }

  @Test
  void acceptsAHandoffToANeighbourWhenOneFileIsCheckedAlone() throws IOException {
    write("refund.yaml", Packs.cleanWith("action: {resolve: true}", "action: {handoff: vip-care}"));
    write("vip.yaml", "protocol: vip-care\ntitle: VIP\n");
    write("calendars/eu.yaml", Packs.EU_BUSINESS);
    write("fragments/greeting.yaml", Packs.GREETING);

    assertThat(PackReader.read(List.of(dir.resolve("refund.yaml"))).diagnostics()).isEmpty();
    assertThat(
            PackReader.read(List.of(dir.resolve("refund.yaml"), dir.resolve("vip.yaml")))
                .diagnostics())
        .extracting(Diagnostic::rule)
        .doesNotContain("unknown-protocol");
  }

  @Test
  void reportsAPathThatDoesNotExist() {
    assertThat(PackReader.read(List.of(dir.resolve("nope"))).diagnostics())
        .singleElement()
        .extracting(Diagnostic::message)
        .asString()
        .contains("nope");
  }

  @Test
  void reportsTwoProtocolsWithTheSameId() {
    ProtocolPack pack = Packs.pack(Map.of("a.yaml", Packs.CLEAN, "b.yaml", Packs.CLEAN));
    assertThat(pack.diagnostics()).extracting(Diagnostic::rule).containsExactly("duplicate-name");
    assertThat(pack.protocols()).hasSize(1);
  }

  @Test
  void reportsHandoffToAProtocolOutsideThePack() {
    String text = Packs.cleanWith("action: {resolve: true}", "action: {handoff: vip-customer}");
    ProtocolPack pack = Packs.pack(Map.of("a.yaml", text));
    assertThat(pack.diagnostics()).extracting(Diagnostic::rule).containsExactly("unknown-protocol");
  }

  @Test
  void acceptsAHandoffToAPublishedProtocolWhenTheEditorChecksOneSource() {
    String text = Packs.cleanWith("action: {resolve: true}", "action: {handoff: vip-customer}");
    Map<String, String> calendars =
        Map.of(
            "calendars/eu-business.yaml",
            Packs.EU_BUSINESS,
            "calendars/always-open.yaml",
            Packs.ALWAYS_OPEN);
    Map<String, String> fragments = Map.of("fragments/greeting.yaml", Packs.GREETING);

    assertThat(
            PackReader.fromSources(
                    Map.of("a.yaml", text), calendars, fragments, java.util.Set.of("vip-customer"))
                .diagnostics())
        .isEmpty();
    assertThat(PackReader.fromSources(Map.of("a.yaml", text), calendars, fragments).diagnostics())
        .extracting(Diagnostic::rule)
        .containsExactly("unknown-protocol");
  }

  @Test
  void reportsAFileThatIsNotUtf8() throws IOException {
    Files.write(
        dir.resolve("latin1.yaml"), new byte[] {'t', 'i', 't', 'l', 'e', ':', ' ', (byte) 0xE9});
    assertThat(PackReader.read(List.of(dir)).diagnostics())
        .extracting(Diagnostic::message)
        .anyMatch(m -> m.contains("UTF-8"));
  }
}
