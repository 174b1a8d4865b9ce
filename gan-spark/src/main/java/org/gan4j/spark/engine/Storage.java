package org.gan4j.spark.engine;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An experiment's directory on a Hadoop file system ({@code file://}, {@code hdfs://}, {@code s3a://}),
 * addressed by paths relative to it ({@code cells/<cell>/manifest.json}). Files that must never be
 * seen half-written are written under a hidden temporary name and renamed; {@code .crc} side files
 * are not written.
 */
final class Storage {

    /** Where {@code ManifestWriter} puts a run's status; read with a pattern to stay free of gan4j's JSON library. */
    static final String MANIFEST = "manifest.json";
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");

    private final FileSystem fs;
    private final Path root;

    private Storage(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /** The directory {@code uri} (a plain path is a local one) with the Hadoop settings {@code conf}. */
    static Storage open(String uri, Configuration conf) throws IOException {
        Path root = new Path(toUri(uri));
        FileSystem fs = root.getFileSystem(conf);
        fs.setWriteChecksum(false);
        fs.setVerifyChecksum(false);
        return new Storage(fs, fs.makeQualified(root));
    }

    /** {@code uri} as a URI; a path without a scheme is a local file. */
    static URI toUri(String uri) {
        if (uri.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !uri.matches("[A-Za-z]:\\\\.*")) {
            return URI.create(uri);
        }
        return java.nio.file.Path.of(uri).toAbsolutePath().normalize().toUri();
    }

    String uri() {
        return root.toString();
    }

    Storage child(String relative) {
        return new Storage(fs, new Path(root, relative));
    }

    private Path at(String relative) {
        return relative.isEmpty() ? root : new Path(root, relative);
    }

    boolean exists(String relative) throws IOException {
        return fs.exists(at(relative));
    }

    /** The file's text, or null when there is none. */
    String read(String relative) throws IOException {
        try (InputStream in = fs.open(at(relative))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** The {@code status} of the run manifest in {@code cellDir}, or null without one. */
    String status(String cellDir) throws IOException {
        String manifest = read(cellDir.isEmpty() ? MANIFEST : cellDir + "/" + MANIFEST);
        if (manifest == null) {
            return null;
        }
        Matcher m = STATUS.matcher(manifest);
        return m.find() ? m.group(1) : null;
    }

    /** Names of the entries of a directory (empty when it does not exist). */
    List<String> list(String relative) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (FileStatus s : fs.listStatus(at(relative))) {
                names.add(s.getPath().getName());
            }
        } catch (FileNotFoundException e) {
            // no directory, no entries
        }
        return names;
    }

    void mkdirs(String relative) throws IOException {
        fs.mkdirs(at(relative));
    }

    void delete(String relative) throws IOException {
        fs.delete(at(relative), true);
    }

    /** Writes {@code text} to the file, replacing it; readers see the old or the new file, never a part. */
    void write(String relative, String text) throws IOException {
        Path target = at(relative);
        Path tmp = temporary(target);
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        replace(tmp, target);
    }

    /** Copies a local file to {@code relative}, replacing it; with {@code atomic}, through a temporary name and a rename. */
    void upload(java.nio.file.Path local, String relative, boolean atomic) throws IOException {
        Path target = at(relative);
        Path written = atomic ? temporary(target) : target;
        try (InputStream in = Files.newInputStream(local); OutputStream out = fs.create(written, true)) {
            in.transferTo(out);
        }
        if (atomic) {
            replace(written, target);
        }
    }

    /**
     * Copies every file under the local directory {@code local} accepted by {@code include} (given its
     * path relative to {@code local}, with '/') to the same relative path under {@code relative}.
     * Files that vanish while this runs (a newer one replaced them) are skipped.
     *
     * @return the relative paths copied
     */
    Set<String> uploadTree(java.nio.file.Path local, String relative, Predicate<String> include) throws IOException {
        Set<String> copied = new HashSet<>();
        if (!Files.isDirectory(local)) {
            return copied;
        }
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(local)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (java.nio.file.Path f : files) {
            String rel = local.relativize(f).toString().replace('\\', '/');
            if (!include.test(rel) || hidden(rel)) {
                continue;
            }
            try {
                upload(f, relative.isEmpty() ? rel : relative + "/" + rel, false);
                copied.add(rel);
            } catch (NoSuchFileException e) {
                // replaced or removed meanwhile: the next copy takes the new one
            }
        }
        return copied;
    }

    /** Deletes the files under {@code relative} whose relative paths {@code keep} rejects. */
    void deleteOthers(String relative, Predicate<String> keep) throws IOException {
        for (String rel : files(relative)) {
            if (!keep.test(rel)) {
                fs.delete(at(relative.isEmpty() ? rel : relative + "/" + rel), false);
            }
        }
    }

    /** Copies the directory {@code relative} to the local {@code local}, except files {@code skip} accepts and hidden ones. */
    void downloadTree(String relative, java.nio.file.Path local, Predicate<String> skip) throws IOException {
        for (String rel : files(relative)) {
            if (skip.test(rel) || hidden(rel)) {
                continue;
            }
            java.nio.file.Path target = local.resolve(rel);
            Files.createDirectories(target.getParent());
            try (InputStream in = fs.open(at(relative.isEmpty() ? rel : relative + "/" + rel))) {
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Relative paths (with '/') of every file under {@code relative}. */
    List<String> files(String relative) throws IOException {
        List<String> out = new ArrayList<>();
        Path base = at(relative);
        if (!fs.exists(base)) {
            return out;
        }
        String prefix = fs.makeQualified(base).toUri().getPath();
        var it = fs.listFiles(base, true);
        while (it.hasNext()) {
            String p = it.next().getPath().toUri().getPath();
            out.add(p.substring(prefix.length()).replaceFirst("^/", ""));
        }
        return out;
    }

    private static boolean hidden(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static Path temporary(Path target) {
        return new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Renames {@code tmp} over {@code target} (deleting the old target first where the file system will not replace it). */
    private void replace(Path tmp, Path target) throws IOException {
        if (fs.rename(tmp, target)) {
            return;
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            throw new IOException("could not rename " + tmp + " to " + target);
        }
    }
}
