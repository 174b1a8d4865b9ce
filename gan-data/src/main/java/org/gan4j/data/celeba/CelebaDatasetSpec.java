package org.gan4j.data.celeba;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.gan4j.api.Checks;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.DatasetSpec;
import org.gan4j.data.images.ImageAttributes;
import org.gan4j.data.images.ImageDataset;
import org.gan4j.data.images.ImageLoader;
import org.gan4j.data.images.ImageSettings;

/**
 * CelebA's aligned faces in the layout of the official download: {@code img_align_celeba/*.jpg}
 * (from {@code Img/img_align_celeba.zip}), {@code list_eval_partition.txt} (from {@code Eval/};
 * lines {@code 000001.jpg 0} with 0/1/2 for train/valid/test; not needed for {@code split: all},
 * which takes every image in the folder) and optionally {@code list_attr_celeba.txt} (from
 * {@code Anno/}; its 40 attributes become {@link ImageDataset#attributes()}). Each image is resized
 * (shorter side to {@code imageSize}) and centre-cropped as torchvision's {@code Resize} +
 * {@code CenterCrop}, giving {@code [3, imageSize, imageSize]} RGB in [-1, 1].
 */
@JsonClassDescription("CelebA aligned faces (img_align_celeba + list_eval_partition.txt), resized and centre-cropped to imageSize, RGB")
@JsonPropertyOrder({"path", "imageSize", "split", "subset", "onCorrupt", "threads", "cache"})
public record CelebaDatasetSpec(
        @JsonProperty("path") @JsonPropertyDescription("directory holding img_align_celeba/ and list_eval_partition.txt (list_attr_celeba.txt optional)")
        String path,
        @JsonProperty("imageSize") @JsonPropertyDescription("side of the square samples: shorter side resized to it, then centre-cropped")
        int imageSize,
        @JsonProperty("split") @JsonPropertyDescription("partition to use: train, valid, test, or all (every image in img_align_celeba; needs no partition file)")
        String split,
        @JsonProperty("subset") @JsonPropertyDescription("use only the first N images of the split; 0 means all")
        int subset,
        @JsonProperty("onCorrupt") @JsonPropertyDescription("an unreadable or missing image: fail (stop, naming the file) or skip (log, count, use the next image)")
        String onCorrupt,
        @JsonProperty("threads") @JsonPropertyDescription("threads decoding a batch; 0 means half the processors, 1 to 4")
        int threads,
        @JsonProperty("cache") @JsonPropertyDescription("decode all images once at start and keep them in memory (3 x imageSize^2 bytes each: 2.5 GB for all of CelebA at 64)")
        boolean cache)
        implements DatasetSpec {

    public static final List<String> SPLITS = List.of("train", "valid", "test", "all");
    public static final String IMAGES = "img_align_celeba";
    public static final String PARTITION = "list_eval_partition.txt";
    public static final String ATTRIBUTES = "list_attr_celeba.txt";

    /** Validates; null settings take their defaults. */
    public CelebaDatasetSpec {
        path = path == null ? "data/celeba" : path;
        if (path.isBlank()) {
            throw new IllegalArgumentException("path must name a directory, got an empty string");
        }
        Checks.positive("imageSize", imageSize);
        split = checkSplit(split == null ? "train" : split);
        Checks.nonNegative("subset", subset);
        onCorrupt = ImageSettings.onCorrupt(onCorrupt);
        Checks.nonNegative("threads", threads);
    }

    @JsonCreator
    public CelebaDatasetSpec(@JsonProperty("path") String path, @JsonProperty("imageSize") Integer imageSize,
                             @JsonProperty("split") String split, @JsonProperty("subset") Integer subset,
                             @JsonProperty("onCorrupt") String onCorrupt, @JsonProperty("threads") Integer threads,
                             @JsonProperty("cache") Boolean cache) {
        this(path, imageSize == null ? 64 : imageSize, split, subset == null ? 0 : subset, onCorrupt,
                threads == null ? 0 : threads, cache != null && cache);
    }

    /** {@code split} of the CelebA directory {@code path}, every other setting at its default. */
    public static CelebaDatasetSpec of(String path, String split) {
        return new CelebaDatasetSpec(path, null, split, null, null, null, null);
    }

    private static String checkSplit(String split) {
        String s = split.toLowerCase(Locale.ROOT);
        if (!SPLITS.contains(s)) {
            throw new IllegalArgumentException("split must be one of train, valid, test, all; got '" + split + "'");
        }
        return s;
    }

    @Override
    public Dataset open(DataContext context) {
        Path root = context.resolve(path);
        if (!Files.isDirectory(root)) {
            throw Gan4jException.badInput("the CelebA directory " + root + " (data.path: " + path + ") "
                    + (Files.exists(root) ? "is a file, not a directory" : "does not exist") + "; "
                    + "set data.path to the directory holding " + IMAGES + "/ (extracted from Img/img_align_celeba.zip "
                    + "of the CelebA download) and " + PARTITION + " (from Eval/)");
        }
        Path imageDir = imageDirectory(root);
        List<String> present = listImages(imageDir);
        boolean skip = onCorrupt.equals("skip");
        List<Path> metadata = new ArrayList<>(List.of(imageDir));
        List<String> names;
        int missing = 0;
        if (split.equals("all")) {
            names = present;
        } else {
            Path partition = root.resolve(PARTITION);
            if (!Files.isRegularFile(partition)) {
                throw Gan4jException.badInput("split: " + split + " needs " + partition + " to know which images are in it, "
                        + "and it does not exist; copy " + PARTITION + " (Eval/ in the CelebA download) there, "
                        + "or use split: all to train on every image in " + imageDir);
            }
            metadata.add(partition);
            List<String> listed = CelebaFiles.partition(partition, SPLITS.indexOf(split));
            if (listed.isEmpty()) {
                throw Gan4jException.badInput(partition + " puts no image in the " + split + " split (code "
                        + SPLITS.indexOf(split) + "); check the file, or choose another split");
            }
            Set<String> onDisk = new HashSet<>(present);
            names = new ArrayList<>(listed.size());
            String firstMissing = null;
            for (String name : listed) {
                if (onDisk.contains(name)) {
                    names.add(name);
                } else if (firstMissing == null) {
                    firstMissing = name;
                }
            }
            missing = listed.size() - names.size();
            if (missing > 0 && !skip) {
                throw Gan4jException.badInput(missing + " of the " + listed.size() + " images " + PARTITION + " puts in the "
                        + split + " split are missing from " + imageDir + " (the first is " + firstMissing + "); "
                        + "extract img_align_celeba.zip again, or set data.onCorrupt: skip to train on the ones present");
            }
            if (names.isEmpty()) {
                throw Gan4jException.badInput("none of the " + listed.size() + " images " + PARTITION + " puts in the "
                        + split + " split is in " + imageDir + " (the first is " + firstMissing + "); extract img_align_celeba.zip there");
            }
            if (missing > 0) {
                context.log().accept("celeba: " + missing + " images of the " + split + " split are missing from "
                        + imageDir + " (the first is " + firstMissing + "); training on the " + names.size() + " present");
            }
        }
        int available = names.size();
        names = ImageSettings.subset(names, subset);
        List<Path> images = names.stream().map(imageDir::resolve).toList();

        ImageAttributes attributes = ImageAttributes.none();
        Path attributeFile = root.resolve(ATTRIBUTES);
        if (Files.isRegularFile(attributeFile)) {
            metadata.add(attributeFile);
            attributes = CelebaFiles.attributes(attributeFile, names, context.log());
        }

        StringBuilder what = new StringBuilder("celeba ").append(split).append(" split: ").append(names.size()).append(" images");
        if (names.size() < available) {
            what.append(" (the first of ").append(available).append(")");
        }
        what.append(" 3x").append(imageSize).append('x').append(imageSize).append(" from ").append(path)
                .append(", resized and centre-cropped");
        if (!attributes.isEmpty()) {
            what.append(", ").append(attributes.names().size()).append(" attributes");
        }
        if (missing > 0) {
            what.append("; ").append(missing).append(" listed images missing, left out");
        }
        return new ImageDataset(images, new ImageLoader(imageSize, 3), skip,
                threads == 0 ? ImageSettings.autoThreads() : threads, cache, attributes, metadata, what.toString(),
                context.log());
    }

    /** {@code root/img_align_celeba}, or the folder of the same name inside it when the zip was extracted into a folder of its name. */
    private Path imageDirectory(Path root) {
        Path dir = root.resolve(IMAGES);
        if (!Files.isDirectory(dir)) {
            throw Gan4jException.badInput(root + " (data.path: " + path + ") has no " + IMAGES + "/ folder; extract "
                    + "img_align_celeba.zip (Img/ in the CelebA download) there, or set data.path to the directory that has it");
        }
        Path nested = dir.resolve(IMAGES);
        return Files.isDirectory(nested) ? nested : dir;
    }

    /** Image file names directly in {@code dir}, sorted. */
    private static List<String> listImages(Path dir) {
        List<String> names;
        try (Stream<Path> list = Files.list(dir)) {
            names = list.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && ImageSettings.isImageName(n))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw Gan4jException.badInput("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw Gan4jException.badInput(dir + " holds no .jpg images; extract img_align_celeba.zip (Img/ in the CelebA "
                    + "download) into it");
        }
        return names;
    }
}
