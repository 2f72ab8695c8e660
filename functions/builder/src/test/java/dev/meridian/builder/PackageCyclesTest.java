package dev.meridian.builder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * This module's packages form no cycle, and the image builder itself knows nothing of build runs:
 * only {@code builder.runs}, the executor of core's runs, sees {@code core.builds}
 * (docs/architecture.md).
 */
class PackageCyclesTest {
  private static final JavaClasses BUILDER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.meridian.builder");

  @Test
  void packages_areFreeOfCycles() {
    slices().matching("dev.meridian.builder.(**)").should().beFreeOfCycles().check(BUILDER);
  }

  @Test
  void builder_dependsOnNoBuildRunsAndNoRouter() {
    noClasses().that().resideOutsideOfPackage("dev.meridian.builder.runs..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.meridian.core.builds..",
            "dev.meridian.core.api..")
        .check(BUILDER);
  }
}
