package org.gan4j.core.plugin;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.ComponentKinds;
import org.gan4j.core.Locations;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.GanPlugin;

/**
 * The plugins of one gan4j process and the components they register, with the Jackson mappers
 * that read config files selecting those components by name.
 *
 * <p>Built by {@link PluginLoader#load}, or by {@link #of} from plugin instances (tests). Two
 * components of the same kind with the same name are refused, naming both sources.
 */
public final class ComponentRegistry {

    /** One setting of a component as {@code gan4j plugins} shows it. */
    public record Setting(String name, String defaultValue, String description) {
        /** What {@link #defaultValue()} holds for a setting with no default. */
        public static final String REQUIRED = "(required)";
    }

    private final List<GanPlugin> plugins;
    private final Map<GanPlugin, Path> sources;
    private final List<RegisteredComponent> components;
    private final List<String> notes;
    private final ObjectMapper yamlMapper;
    private final ObjectMapper jsonMapper;

    ComponentRegistry(List<GanPlugin> plugins, Map<GanPlugin, Path> sources) {
        this(plugins, sources, List.of());
    }

    ComponentRegistry(List<GanPlugin> plugins, Map<GanPlugin, Path> sources, List<String> notes) {
        this.notes = List.copyOf(notes);
        this.plugins = List.copyOf(plugins);
        this.sources = new IdentityHashMap<>(sources);
        this.components = collect(this.plugins, this.sources);
        this.yamlMapper = configure(YAMLMapper.builder(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
                .build()));
        this.jsonMapper = configure(JsonMapper.builder());
    }

    /** A registry of the given plugins, each recorded as coming from its class's code source. */
    public static ComponentRegistry of(GanPlugin... plugins) {
        Map<GanPlugin, Path> sources = new IdentityHashMap<>();
        for (GanPlugin plugin : plugins) {
            sources.put(plugin, codeSource(plugin.getClass()));
        }
        return new ComponentRegistry(Arrays.asList(plugins), sources);
    }

    /** The plugins, class-path ones first, then those of each plugins directory in order. */
    public List<GanPlugin> plugins() {
        return plugins;
    }

    /** The jar or class directory a plugin came from. */
    public Path sourceOf(GanPlugin plugin) {
        Path source = sources.get(plugin);
        if (source == null) {
            throw new IllegalArgumentException("not a plugin of this registry: " + plugin.getClass().getName());
        }
        return source;
    }

    /**
     * Remarks from loading that are not errors, one sentence each (for example a plugin jar that
     * declares no SPI version); {@code gan4j plugins --verbose} shows them.
     */
    public List<String> notes() {
        return notes;
    }

    /** Every component, in plugin order. */
    public List<RegisteredComponent> components() {
        return components;
    }

    /** The component of {@code kind} called {@code name}. */
    public Optional<RegisteredComponent> find(Class<?> kind, String name) {
        return components.stream().filter(c -> c.kind() == kind && c.name().equals(name)).findFirst();
    }

    /** The component whose settings class is {@code implementation}. */
    public Optional<RegisteredComponent> findByImplementation(Class<?> implementation) {
        return components.stream().filter(c -> c.implementation() == implementation).findFirst();
    }

    /** The names of the components of {@code kind}, sorted. */
    public List<String> names(Class<?> kind) {
        return components.stream().filter(c -> c.kind() == kind).map(RegisteredComponent::name).sorted().toList();
    }

    /** A strict YAML mapper knowing every component by name (writes YAML without the "---" marker). */
    public ObjectMapper yamlMapper() {
        return yamlMapper;
    }

    /** A strict JSON mapper knowing every component by name. */
    public ObjectMapper jsonMapper() {
        return jsonMapper;
    }

    /**
     * The settings of a component with their defaults, for {@code gan4j plugins}: the component is
     * built from {@code {"type": name}} and written back; when that fails (a setting has no default)
     * every setting is listed as {@link Setting#REQUIRED}, or only those marked
     * {@code @JsonProperty(required = true)} when the component marks any.
     */
    public List<Setting> settings(RegisteredComponent component) {
        ObjectNode defaults = defaults(component).orElse(null);
        BeanDescription bean = jsonMapper.getDeserializationConfig()
                .introspect(jsonMapper.constructType(component.implementation()));
        boolean anyMarkedRequired = bean.findProperties().stream().anyMatch(BeanPropertyDefinition::isRequired);
        List<Setting> settings = new ArrayList<>();
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (!property.couldDeserialize()) {
                continue;
            }
            String description = property.getMetadata().getDescription();
            if (description == null) {
                BeanDescription written = jsonMapper.getSerializationConfig()
                        .introspect(jsonMapper.constructType(component.implementation()));
                description = written.findProperties().stream()
                        .filter(p -> p.getName().equals(property.getName()))
                        .map(p -> p.getMetadata().getDescription())
                        .filter(d -> d != null).findFirst().orElse("");
            }
            String value;
            if (defaults == null) {
                // Without a buildable default object, trust @JsonProperty(required = true) if the
                // component uses it; otherwise any setting may be the one without a default.
                value = !anyMarkedRequired || property.isRequired() ? Setting.REQUIRED : "(has a default)";
            } else {
                JsonNode node = defaults.get(property.getName());
                value = node == null || node.isNull() ? "none" : node.isValueNode() ? node.asText() : node.toString();
            }
            settings.add(new Setting(property.getName(), value, description));
        }
        return settings;
    }

    /**
     * The component built from {@code {"type": name}} and written back as JSON (its {@code type}
     * included), or empty when that fails because a setting has no default.
     */
    public Optional<ObjectNode> defaults(RegisteredComponent component) {
        try {
            Object value = jsonMapper.readerFor(component.kind())
                    .readValue(jsonMapper.createObjectNode().put("type", component.name()));
            return Optional.of((ObjectNode) jsonMapper.readTree(jsonMapper.writerFor(component.kind()).writeValueAsString(value)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder) {
        builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_INVALID_SUBTYPE,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
        // No guessing: "10" is not a number, 10 is not a string, "true" is not a boolean.
        builder.withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        builder.withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        builder.withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
        builder.withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        for (RegisteredComponent component : components) {
            builder.registerSubtypes(new NamedType(component.implementation(), component.name()));
        }
        for (GanPlugin plugin : plugins) {
            for (com.fasterxml.jackson.databind.Module module : plugin.jacksonModules()) {
                builder.addModule(module);
            }
        }
        return builder.build();
    }

    private static List<RegisteredComponent> collect(List<GanPlugin> plugins, Map<GanPlugin, Path> sources) {
        Map<String, RegisteredComponent> byKey = new HashMap<>();
        Map<String, GanPlugin> owners = new HashMap<>();
        List<RegisteredComponent> all = new ArrayList<>();
        for (GanPlugin plugin : plugins) {
            Path source = sources.get(plugin);
            List<ComponentType> types;
            try {
                types = plugin.components();
            } catch (RuntimeException e) {
                throw Gan4jException.badInput("The plugin " + plugin.getClass().getName() + " in " + source
                        + " failed to list its components: " + e.getMessage()
                        + ". Fix or remove the plugin jar.", e);
            }
            for (ComponentType type : types) {
                if (!ComponentKinds.isKind(type.kind())) {
                    throw Gan4jException.badInput("The plugin " + plugin.getClass().getName() + " in " + source
                            + " registers '" + type.name() + "' as a " + type.kind().getName()
                            + ", which is not a component kind; kinds are " + kindList()
                            + ". Fix or remove the plugin jar.");
                }
                String key = ComponentKinds.nameOf(type.kind()) + " '" + type.name() + "'";
                RegisteredComponent component = new RegisteredComponent(type.kind(), type.name(),
                        type.implementation(), source, description(type.implementation()));
                RegisteredComponent previous = byKey.putIfAbsent(key, component);
                if (previous != null) {
                    throw Gan4jException.badInput("Two plugins register the " + key + ": "
                            + owners.get(key).getClass().getName() + " from " + previous.source() + " and "
                            + plugin.getClass().getName() + " from " + source
                            + ". Remove one of the two jars (or rename the component in one of them).");
                }
                owners.put(key, plugin);
                all.add(component);
            }
        }
        return List.copyOf(all);
    }

    private static String kindList() {
        return String.join(", ", ComponentKinds.all().values());
    }

    private static String description(Class<?> implementation) {
        JsonClassDescription d = implementation.getAnnotation(JsonClassDescription.class);
        return d == null ? "" : d.value();
    }

    /** Where a class was loaded from: its jar or class directory (its name when the JVM does not say). */
    static Path codeSource(Class<?> type) {
        return Locations.codeSource(type).orElse(Path.of(type.getName()));
    }

    /** Components sorted for display: by kind in {@link ComponentKinds#ordered()} order, then by name. */
    public Map<Class<?>, List<RegisteredComponent>> byKind() {
        Map<Class<?>, List<RegisteredComponent>> grouped = new LinkedHashMap<>();
        for (Class<?> kind : ComponentKinds.ordered()) {
            grouped.put(kind, components.stream().filter(c -> c.kind() == kind)
                    .sorted(Comparator.comparing(RegisteredComponent::name)).toList());
        }
        return grouped;
    }
}
