package dev.meridian.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.meridian.core.api.RegistryHttpApi;
import org.junit.jupiter.api.Test;

/**
 * The core's package graph as docs/architecture.md draws it: no cycles, the OCI router ({@code
 * core.api}) on top with nothing above it, and the foundation (values, errors, HTTP shapes,
 * settings, storage ports, the route contract) depending on nothing but itself. Nothing in core
 * composes the registry: the composition root is app's {@code RegistryAssembly}. A change that
 * adds an upward arrow fails here with the offending classes named.
 */
class ArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.meridian.core");

  private static final String[] FOUNDATION = {"dev.meridian.core.oci..",
      "dev.meridian.core.error..", "dev.meridian.core.http..", "dev.meridian.core.version..",
      "dev.meridian.core.naming..", "dev.meridian.core.settings..",
      "dev.meridian.core.storage..", "dev.meridian.core.route.."};

  @Test
  void packages_areFreeOfCycles() {
    slices().matching("dev.meridian.core.(**)").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void api_isTheTop_nothingElseInCoreDependsOnIt() {
    noClasses().that().resideOutsideOfPackage("dev.meridian.core.api..")
        .should().dependOnClassesThat().resideInAPackage("dev.meridian.core.api..")
        .check(CORE);
  }

  /** The router sees capabilities only through core.route's contract, and access through auth. */
  @Test
  void api_isOnlyTheRouter_dependingOnTheFoundationAndAuth() {
    classes().that().resideInAPackage("dev.meridian.core.api..")
        .should().onlyDependOnClassesThat(not(resideInAPackage("dev.meridian.core.."))
            .or(resideInAnyPackage(FOUNDATION))
            .or(resideInAnyPackage("dev.meridian.core.api..", "dev.meridian.core.auth..")))
        .check(CORE);
  }

  @Test
  void nothingInCore_composesTheRegistry() {
    noClasses().should().callConstructorWhere(target(owner(assignableTo(RegistryHttpApi.class))))
        .because("the composition root is app's RegistryAssembly (docs/architecture.md)")
        .check(CORE);
  }

  @Test
  void foundation_dependsOnlyOnTheFoundation() {
    noClasses().that().resideInAnyPackage(FOUNDATION)
        .should().dependOnClassesThat(resideInAPackage("dev.meridian.core..")
            .and(not(resideInAnyPackage(FOUNDATION))))
        .check(CORE);
  }
}
