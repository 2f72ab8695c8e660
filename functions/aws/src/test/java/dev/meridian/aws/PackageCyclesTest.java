package dev.meridian.aws;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** This module's packages form no cycle (docs/architecture.md; core has its own, stricter test). */
class PackageCyclesTest {
  @Test
  void packages_areFreeOfCycles() {
    slices().matching("dev.meridian.aws.(**)").should().beFreeOfCycles()
        .check(new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.meridian.aws"));
  }
}
