package org.gan4j.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.gan4j.api.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, checked on the compiled classes of every module (gan-cli's test class
 * path holds them all): no package cycles anywhere in gan4j, and the plugin modules use nothing of
 * gan4j but the stable plugin API ({@link Api#PACKAGES}) and their own packages.
 */
class ArchitectureTest {

    /** The built-in plugin modules (and the testkit plugin authors use) by root package. */
    static final List<String> PLUGIN_MODULES = List.of(
            "org.gan4j.losses", "org.gan4j.models.mlp", "org.gan4j.models.dcgan", "org.gan4j.data", "org.gan4j.testkit");

    static JavaClasses gan4j;

    @BeforeAll
    static void importMainClasses() {
        gan4j = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.gan4j");
    }

    @Test
    void noPackageCyclesInGan4j() {
        slices().matching("org.gan4j.(**)").should().beFreeOfCycles().check(gan4j);
    }

    @Test
    void pluginModulesUseOnlyThePluginApiAndTheirOwnPackages() {
        for (String module : PLUGIN_MODULES) {
            classes().that().resideInAPackage(module + "..")
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.gan4j..")
                            .or(resideInAnyPackage(Api.PACKAGES.toArray(String[]::new)))
                            .or(resideInAPackage(module + "..")))
                    .because("a plugin compiles against gan-api's stable packages alone; the engine (org.gan4j.core)"
                            + " and gan-api's kernels (org.gan4j.api.nn.kernel) may change in any release")
                    .check(gan4j);
        }
    }
}
