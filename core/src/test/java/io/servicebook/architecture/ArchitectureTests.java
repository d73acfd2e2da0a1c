package io.servicebook.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The domain stays plain Java: no framework, no database, no search engine, no network. */
class ArchitectureTests {

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.servicebook");
  }

  @Test
  void coreDoesNotUseSpringJdbcLuceneOrHttp() {
    ArchRule rule =
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.springframework..",
                "java.sql..",
                "javax.sql..",
                "org.apache.lucene..",
                "java.net.http..",
                "jakarta.servlet..",
                "org.h2..",
                "org.postgresql..",
                "com.zaxxer..")
            .because(
                "core/ is the domain in plain Java; persistence, search and HTTP live in server/");
    rule.check(core);
  }

  @Test
  void coreDoesNotOpenNetworkConnections() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.URLConnection")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.Socket")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.HttpURLConnection")
        .check(core);
  }

  @Test
  void coreReadsTimeOnlyFromAnInjectedClock() {
    noClasses()
        .should()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(java.time.LocalDateTime.class, "now")
        .orShould()
        .callMethod(java.time.LocalDate.class, "now")
        .because("time comes from an injected java.time.Clock so everything is deterministic")
        .check(core);
  }

  @Test
  void theDomainModelDoesNotDependOnTheLinterOrTheCli() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.servicebook.protocol..",
            "io.servicebook.condition..",
            "io.servicebook.script..",
            "io.servicebook.calendar..",
            "io.servicebook.document..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.servicebook.lint..", "io.servicebook.cli..")
        .check(core);
  }
}
