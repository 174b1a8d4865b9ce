package org.gan4j.core.train.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads pieces of the resolved config's JSON rendering. */
final class ConfigJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigJson() {
    }

    static JsonNode parse(String json) {
        try {
            return json == null ? MAPPER.nullNode() : MAPPER.readTree(json);
        } catch (IOException e) {
            return MAPPER.createObjectNode().put("unparsed", json);
        }
    }

    /** The JSON text of one section ({@code generator}, {@code discriminator}), or null when absent. */
    static String section(String configJson, String name) {
        JsonNode node = parse(configJson).get(name);
        return node == null ? null : node.toString();
    }
}
