package org.gan4j.api.spi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of component a config file can select by name, each with the base type its
 * implementations extend. Names are what {@code gan4j plugins} shows and error messages use.
 */
public final class ComponentKinds {

    private static final Map<Class<?>, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put(DatasetSpec.class, "dataset");
        KINDS.put(GeneratorSpec.class, "generator");
        KINDS.put(DiscriminatorSpec.class, "discriminator");
        KINDS.put(Loss.class, "loss");
        KINDS.put(TrainingSchedule.class, "schedule");
        KINDS.put(OptimizerSpec.class, "optimizer");
        KINDS.put(MetricSpec.class, "metric");
    }

    private ComponentKinds() {
    }

    /** Base types in display order. */
    public static Map<Class<?>, String> all() {
        return java.util.Collections.unmodifiableMap(KINDS);
    }

    /** The display name of a kind, or the simple class name for a type that is not a kind. */
    public static String nameOf(Class<?> kind) {
        return KINDS.getOrDefault(kind, kind.getSimpleName());
    }

    /** Whether the type is one of the registered kinds. */
    public static boolean isKind(Class<?> type) {
        return KINDS.containsKey(type);
    }

    /** The kinds in display order. */
    public static Iterable<Class<?>> ordered() {
        return KINDS.keySet();
    }
}
