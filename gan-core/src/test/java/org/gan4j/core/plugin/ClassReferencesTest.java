package org.gan4j.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.junit.jupiter.api.Test;

class ClassReferencesTest {

    /** Names Loss only in a generic signature, LossResult only in a method descriptor, Map only in an array type. */
    @SuppressWarnings("unused")
    static final class Sample {
        List<Loss> losses;
        Map<?, ?>[] maps;

        static LossResult pass(LossResult r) {
            return r;
        }

        static double constants() {
            return 1L + 2.0 + Long.MAX_VALUE;
        }
    }

    private static byte[] bytesOf(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName().isEmpty() ? null
                : type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void findsClassesUsedAndNamedInDescriptorsSignaturesAndArrayTypes() throws Exception {
        assertThat(ClassReferences.of(bytesOf(Sample.class))).contains(
                Sample.class.getName(), Object.class.getName(), List.class.getName(), Loss.class.getName(),
                LossResult.class.getName(), Map.class.getName(), ClassReferencesTest.class.getName());
    }

    @Test
    void findsWhatACompiledClassOfTheEngineUses() throws Exception {
        assertThat(ClassReferences.of(bytesOf(ApiBoundary.class)))
                .contains("org.gan4j.api.Api", "org.gan4j.api.Gan4jException", "java.util.jar.JarFile",
                        "org.gan4j.core.plugin.ClassReferences", "org.gan4j.core.plugin.ApiBoundary")
                .doesNotContain("org.gan4j.core.train.Trainer");
    }

    @Test
    void refusesWhatIsNotAClassFile() {
        assertThatThrownBy(() -> ClassReferences.of(new byte[] {1, 2, 3, 4, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IOException.class).hasMessageContaining("not a class file");
        assertThatThrownBy(() -> ClassReferences.of(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 3, 99}))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown constant pool tag 99");
    }
}
