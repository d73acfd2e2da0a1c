package io.servicebook.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server is packaged by feature; features do not form cycles and do not reach into the CLI. */
class ServerModulesTests {

  private static JavaClasses server;

  @BeforeAll
  static void importServer() {
    server =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.servicebook.server", "io.servicebook.cli");
  }

  @Test
  void featuresAreFreeOfCycles() {
    slices().matching("io.servicebook.server.(*)..").should().beFreeOfCycles().check(server);
  }

  @Test
  void theServerDoesNotDependOnTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("io.servicebook.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.servicebook.cli..")
        .check(server);
  }

  @Test
  void onlyRepositoriesWriteSql() {
    noClasses()
        .that()
        .resideInAPackage("io.servicebook.server..")
        .and()
        .haveSimpleNameNotEndingWith("Repository")
        .and()
        .haveSimpleNameNotEndingWith("AuditLog")
        .and()
        .haveSimpleNameNotEndingWith("UserAccounts")
        .and()
        .haveSimpleNameNotEndingWith("SecurityConfiguration")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
        .check(server);
  }
}
