package org.gan4j.core.train;

import com.google.inject.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.core.Locations;

/**
 * The plugins a run was wired with and the jar (or class directory) each came from, with the jar's
 * SHA-256, for the run manifest: which code trained this model.
 */
public record PluginSources(List<Entry> entries) {

    /** One plugin: its class, where it was loaded from, and that file's SHA-256 (null for a directory). */
    public record Entry(String plugin, String source, String sha256) {
    }

    public PluginSources {
        entries = List.copyOf(entries);
    }

    /** Where each module's class was loaded from, hashing jars. */
    public static PluginSources of(List<? extends Module> modules) {
        List<Entry> entries = new ArrayList<>();
        for (Module m : modules) {
            Path source = Locations.codeSource(m.getClass()).orElse(null);
            String hash = source != null && Files.isRegularFile(source) ? Sha256.of(source) : null;
            entries.add(new Entry(m.getClass().getName(), source == null ? null : source.toString(), hash));
        }
        return new PluginSources(entries);
    }
}
