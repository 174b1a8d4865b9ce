package org.gan4j.data.mnist;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gan4j.api.Checks;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.DatasetSpec;
import org.gan4j.data.download.VerifiedDownload;
import org.gan4j.data.idx.IdxArray;
import org.gan4j.data.idx.IdxReader;

/**
 * MNIST, or any dataset stored as MNIST's IDX image/label pairs (Fashion-MNIST has the same file
 * names). Images come out as {@code [1, rows, columns]} scaled to [-1, 1]; with {@code padTo} set,
 * as {@code [1, padTo, padTo]} with the image centred on the background value -1 (DCGAN's
 * power-of-two layouts want 32x32).
 */
@JsonClassDescription("MNIST-format IDX images and labels (MNIST, Fashion-MNIST, ...), 28x28 greyscale, optionally downloaded and verified")
@JsonPropertyOrder({"path", "split", "padTo", "classNames", "download", "mirror", "files", "md5"})
public record MnistDatasetSpec(
        @JsonProperty("path") @JsonPropertyDescription("directory holding the IDX files, relative to the working directory;"
                + " if not set: data/mnist, and for split test without its files the MNIST test split that ships with gan4j")
        String path,
        @JsonProperty("split") @JsonPropertyDescription("which files to train on: train, test or all (train then test)")
        String split,
        @JsonProperty("download") @JsonPropertyDescription("fetch missing files from mirror and verify their MD5")
        boolean download,
        @JsonProperty("mirror") @JsonPropertyDescription("base URL the files are downloaded from")
        String mirror,
        @JsonProperty("files") @JsonPropertyDescription("the four file names; defaults are MNIST's")
        IdxFileNames files,
        @JsonProperty("md5") @JsonPropertyDescription("expected MD5 of downloaded files by file name; defaults are MNIST's")
        Map<String, String> md5,
        @JsonProperty("padTo") @JsonPropertyDescription("centre the images in a padTo x padTo frame of background (-1), e.g. 32 for DCGAN; 0 means no padding")
        int padTo,
        @JsonProperty("classNames") @JsonInclude(JsonInclude.Include.NON_NULL) @JsonPropertyDescription("names of the classes 0, 1, ... for conditional models and sample --class (e.g. Fashion-MNIST's); default: the numbers")
        List<String> classNames)
        implements DatasetSpec {

    public static final String DEFAULT_PATH = "data/mnist";
    public static final String DEFAULT_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    public static final List<String> SPLITS = List.of("train", "test", "all");

    /** MD5 of the canonical MNIST .gz files. */
    public static final Map<String, String> MNIST_MD5 = Map.of(
            IdxFileNames.TRAIN_IMAGES, "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            IdxFileNames.TRAIN_LABELS, "d53e105ee54ea40749a09fcbcd1e9432",
            IdxFileNames.TEST_IMAGES, "9fb629c4189551a2d022fa330f9573f3",
            IdxFileNames.TEST_LABELS, "ec29112dd5afa0611ce80d1b7f02629c");

    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");

    /**
     * Validates; null settings take their defaults (so this and the boxed constructor behave alike).
     * A null {@code path} stays null: it means "not configured" (see {@link #directory()}), which a
     * resumed run must still know.
     */
    public MnistDatasetSpec {
        path = path == null ? null : checkPath(path);
        split = checkSplit(split == null ? "train" : split);
        mirror = checkMirror(mirror == null ? DEFAULT_MIRROR : mirror);
        files = files == null ? IdxFileNames.mnist() : files;
        md5 = checkMd5(md5 == null ? MNIST_MD5 : md5);
        Checks.nonNegative("padTo", padTo);
        classNames = classNames == null ? null : checkClassNames(classNames);
    }

    @JsonCreator
    public MnistDatasetSpec(@JsonProperty("path") String path, @JsonProperty("split") String split,
                            @JsonProperty("download") Boolean download, @JsonProperty("mirror") String mirror,
                            @JsonProperty("files") IdxFileNames files, @JsonProperty("md5") Map<String, String> md5,
                            @JsonProperty("padTo") Integer padTo, @JsonProperty("classNames") List<String> classNames) {
        this(path, split, download != null && download, mirror, files, md5, padTo == null ? 0 : padTo, classNames);
    }

    /** Without class names. */
    public MnistDatasetSpec(String path, String split, Boolean download, String mirror, IdxFileNames files, Map<String, String> md5,
                            Integer padTo) {
        this(path, split, download, mirror, files, md5, padTo, null);
    }

    /** MNIST's {@code split} in {@code path}, no download, no padding. */
    public static MnistDatasetSpec of(String path, String split) {
        return new MnistDatasetSpec(path, split, null, null, null, null, null);
    }

    /** The directory looked in: {@code path}, or {@value #DEFAULT_PATH} when it is not set. */
    public String directory() {
        return path == null ? DEFAULT_PATH : path;
    }

    /**
     * Whether the MNIST test split inside gan4j stands in for missing files: only when no path is
     * configured, nothing is to be downloaded, and the test split under MNIST's own file names is asked for.
     */
    private boolean embeddedStandsIn() {
        return path == null && !download && split.equals("test") && files.testImages().equals(IdxFileNames.TEST_IMAGES)
                && files.testLabels().equals(IdxFileNames.TEST_LABELS) && EmbeddedMnist.available();
    }

    /** This spec with {@code padTo} replaced. */
    public MnistDatasetSpec withPadTo(int padTo) {
        return new MnistDatasetSpec(path, split, download, mirror, files, md5, padTo, classNames);
    }

    private static List<String> checkClassNames(List<String> names) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("classNames[" + i + "] must be a name, got " + (n == null ? "null" : "'" + n + "'"));
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("classNames has '" + n + "' twice");
            }
        }
        return List.copyOf(names);
    }

    private static String checkPath(String path) {
        if (path.isBlank()) {
            throw new IllegalArgumentException("path must name a directory, got an empty string");
        }
        return path;
    }

    private static String checkSplit(String split) {
        String s = split.toLowerCase(Locale.ROOT);
        if (!SPLITS.contains(s)) {
            throw new IllegalArgumentException("split must be one of train, test, all; got '" + split + "'");
        }
        return s;
    }

    private static String checkMirror(String mirror) {
        String m = mirror.endsWith("/") ? mirror : mirror + "/";
        try {
            URI uri = new URI(m);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("mirror must be an http:// or https:// URL, got '" + mirror + "'");
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("mirror must be an http:// or https:// URL, got '" + mirror + "': " + e.getReason());
        }
        return m;
    }

    private static Map<String, String> checkMd5(Map<String, String> md5) {
        Map<String, String> out = new LinkedHashMap<>();
        md5.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String v = e.getValue() == null ? "" : e.getValue().toLowerCase(Locale.ROOT);
            if (!MD5.matcher(v).matches()) {
                throw new IllegalArgumentException("md5 of '" + e.getKey() + "' must be 32 hexadecimal digits, got '" + e.getValue() + "'");
            }
            out.put(e.getKey(), v);
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    @Override
    public Dataset open(DataContext context) {
        Path dir = context.resolve(directory());
        String source = directory();
        List<String[]> pairs = new ArrayList<>(); // [images, labels] configured names per part
        if (!split.equals("test")) {
            pairs.add(new String[] {files.trainImages(), files.trainLabels()});
        }
        if (!split.equals("train")) {
            pairs.add(new String[] {files.testImages(), files.testLabels()});
        }
        List<String> missing = new ArrayList<>();
        for (String[] pair : pairs) {
            for (String name : pair) {
                if (locate(dir, name).isEmpty()) {
                    missing.add(name);
                }
            }
        }
        if (!missing.isEmpty() && embeddedStandsIn()) {
            context.log().accept("data.path is not set and " + dir + " lacks MNIST's test files: using the MNIST test split that ships with gan4j");
            dir = EmbeddedMnist.testSplit(context.log());
            source = "the copy inside gan4j (" + dir + ")";
            missing.clear();
        }
        if (!missing.isEmpty()) {
            if (!download) {
                throw missingFiles(dir, missing);
            }
            VerifiedDownload downloader = VerifiedDownload.withDefaultClient(context.log());
            for (String name : missing) {
                downloader.download(URI.create(mirror).resolve(name), dir.resolve(name), md5.get(name));
            }
        }
        List<IdxArray[]> parts = new ArrayList<>();
        for (String[] pair : pairs) {
            IdxArray images = IdxReader.readImages(locate(dir, pair[0]).orElseThrow());
            IdxArray labels = IdxReader.readLabels(locate(dir, pair[1]).orElseThrow());
            if (images.count() != labels.count()) {
                throw Gan4jException.badInput(images.file() + " holds " + images.count() + " images but " + labels.file()
                        + " holds " + labels.count() + " labels; the two files do not belong together: re-download them or check the files");
            }
            if (!parts.isEmpty()) {
                IdxArray first = parts.get(0)[0];
                if (first.dimensions()[1] != images.dimensions()[1] || first.dimensions()[2] != images.dimensions()[2]) {
                    throw Gan4jException.badInput(first.file() + " has images of " + first.dimensions()[1] + "x" + first.dimensions()[2]
                            + " but " + images.file() + " has " + images.dimensions()[1] + "x" + images.dimensions()[2]
                            + "; split: all needs both splits to have the same image size");
                }
            }
            parts.add(new IdxArray[] {images, labels});
        }
        int count = parts.stream().mapToInt(p -> p[0].count()).sum();
        int[] dims = parts.get(0)[0].dimensions();
        if (padTo > 0 && (padTo < dims[1] || padTo < dims[2])) {
            throw Gan4jException.badInput("data.padTo is " + padTo + " but the images in " + parts.get(0)[0].file() + " are "
                    + dims[1] + "x" + dims[2] + "; padTo must be at least the image side (e.g. 32 for 28x28 MNIST), or 0 for no padding");
        }
        String shape = padTo > 0 ? "1x" + padTo + "x" + padTo + " (" + dims[1] + "x" + dims[2] + " padded)" : "1x" + dims[1] + "x" + dims[2];
        MnistDataset data = new MnistDataset(parts, padTo, "mnist " + split + " split: " + count + " images " + shape + " from " + source,
                classNames);
        if (classNames != null && classNames.size() != data.classCount()) {
            throw Gan4jException.badInput("data.classNames names " + classNames.size() + " classes but the labels in "
                    + parts.get(0)[1].file() + " go from 0 to " + (data.classCount() - 1) + "; give one name per class, in order");
        }
        return data;
    }

    /** The file for a configured name: the name itself, or the name with {@code .gz} removed or added. */
    static Optional<Path> locate(Path dir, String name) {
        String other = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name + ".gz";
        for (String candidate : new String[] {name, other}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Gan4jException missingFiles(Path dir, List<String> missing) {
        String fetch = "add download: true to fetch them from " + mirror;
        if (!Files.isDirectory(dir)) {
            String embedded = path == null && !split.equals("test") ? " (the MNIST copy inside gan4j holds only the test split: split: test uses it)" : "";
            return Gan4jException.badInput("the mnist directory " + dir + " (data.path: " + directory() + ") "
                    + (Files.exists(dir) ? "is a file, not a directory" : "does not exist") + "; set data.path "
                    + "to the directory holding the IDX files (" + String.join(", ", missing) + "), or " + fetch + embedded);
        }
        boolean trainMissing = missing.contains(files.trainImages()) || missing.contains(files.trainLabels());
        boolean testPresent = locate(dir, files.testImages()).isPresent() && locate(dir, files.testLabels()).isPresent();
        if (!split.equals("test") && trainMissing && testPresent) {
            return Gan4jException.badInput(dir + " holds only the test split (" + files.testImages() + ", "
                    + files.testLabels() + "), not the train split's " + String.join(" and ", missing)
                    + "; use split: test, or " + fetch.replace("them", "the train split"));
        }
        List<String> described = missing.stream()
                .map(n -> n + " (or " + (n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n + ".gz") + ")").toList();
        return Gan4jException.badInput(dir + " lacks " + String.join(", ", described) + " needed for split: " + split
                + "; " + fetch + ", or set data.path to a directory that has them");
    }
}
