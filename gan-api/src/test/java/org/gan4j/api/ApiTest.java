package org.gan4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ApiTest {

    /** The list the class loader shares and the packages marked @Api are the same set. */
    @Test
    void everyListedPackageAndNoOtherIsMarkedApi() throws Exception {
        Path classes = Path.of(Api.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> packages.add(
                    classes.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), ".")));
        }
        assertThat(packages).contains("org.gan4j.api", "org.gan4j.api.spi", "org.gan4j.api.nn.kernel");
        Set<String> marked = new TreeSet<>();
        for (String p : packages) {
            if (isMarked(p)) {
                marked.add(p);
            }
        }
        assertThat(marked).containsExactlyInAnyOrderElementsOf(Api.PACKAGES).doesNotContain("org.gan4j.api.nn.kernel");
    }

    private static boolean isMarked(String pkg) {
        try {
            return Class.forName(pkg + ".package-info").isAnnotationPresent(Api.class);
        } catch (ClassNotFoundException e) {
            return false; // javac writes no package-info.class for a package without annotations
        }
    }
}
