package org.gan4j.data.images;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gan4j.api.Checks;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.spi.DataContext;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.spi.DatasetSpec;

/**
 * Every PNG and JPEG under a folder, searched recursively (hidden files and folders left out) and
 * sorted by relative path for a stable order; each resized (shorter side to {@code imageSize}) and
 * centre-cropped like CelebA, in RGB or grey.
 */
@JsonClassDescription("every PNG/JPEG under a folder (recursive, sorted), resized and centre-cropped to imageSize, RGB or grey")
@JsonPropertyOrder({"path", "imageSize", "channels", "subset", "onCorrupt", "threads", "cache"})
public record ImageFolderSpec(
        @JsonProperty("path") @JsonPropertyDescription("folder searched recursively for .png, .jpg and .jpeg files")
        String path,
        @JsonProperty("imageSize") @JsonPropertyDescription("side of the square samples: shorter side resized to it, then centre-cropped")
        int imageSize,
        @JsonProperty("channels") @JsonPropertyDescription("3 for RGB, 1 for grey (ITU-R 601-2 luma, as Pillow's convert(\"L\"))")
        int channels,
        @JsonProperty("subset") @JsonPropertyDescription("use only the first N images in sorted order; 0 means all")
        int subset,
        @JsonProperty("onCorrupt") @JsonPropertyDescription("an unreadable image: fail (stop, naming the file) or skip (log, count, use the next image)")
        String onCorrupt,
        @JsonProperty("threads") @JsonPropertyDescription("threads decoding a batch; 0 means half the processors, 1 to 4")
        int threads,
        @JsonProperty("cache") @JsonPropertyDescription("decode all images once at start and keep them in memory (channels x imageSize^2 bytes each)")
        boolean cache)
        implements DatasetSpec {

    /** Validates; null settings take their defaults. */
    public ImageFolderSpec {
        path = path == null ? "data/images" : path;
        if (path.isBlank()) {
            throw new IllegalArgumentException("path must name a folder, got an empty string");
        }
        Checks.positive("imageSize", imageSize);
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        Checks.nonNegative("subset", subset);
        onCorrupt = ImageSettings.onCorrupt(onCorrupt);
        Checks.nonNegative("threads", threads);
    }

    @JsonCreator
    public ImageFolderSpec(@JsonProperty("path") String path, @JsonProperty("imageSize") Integer imageSize,
                           @JsonProperty("channels") Integer channels, @JsonProperty("subset") Integer subset,
                           @JsonProperty("onCorrupt") String onCorrupt, @JsonProperty("threads") Integer threads,
                           @JsonProperty("cache") Boolean cache) {
        this(path, imageSize == null ? 64 : imageSize, channels == null ? 3 : channels, subset == null ? 0 : subset,
                onCorrupt, threads == null ? 0 : threads, cache != null && cache);
    }

    /** The images under {@code path} with every other setting at its default. */
    public static ImageFolderSpec of(String path) {
        return new ImageFolderSpec(path, null, null, null, null, null, null);
    }

    @Override
    public Dataset open(DataContext context) {
        Path dir = context.resolve(path);
        if (!Files.isDirectory(dir)) {
            throw Gan4jException.badInput("the image folder " + dir + " (data.path: " + path + ") "
                    + (Files.exists(dir) ? "is not a directory" : "does not exist")
                    + "; set data.path to a folder holding PNG or JPEG images (searched recursively)");
        }
        List<Path> all = list(dir);
        if (all.isEmpty()) {
            throw Gan4jException.badInput("the image folder " + dir + " (data.path: " + path + ") holds no images: "
                    + "found no .png, .jpg or .jpeg files in it or its subfolders (hidden ones are left out); "
                    + "put the training images there or point data.path at the folder that has them");
        }
        List<Path> images = ImageSettings.subset(all, subset);
        String what = "image-folder " + path + ": " + ImageSettings.images(images.size())
                + (images.size() < all.size() ? " (the first of " + all.size() + ")" : "")
                + " " + channels + "x" + imageSize + "x" + imageSize + ", resized and centre-cropped";
        return new ImageDataset(images, new ImageLoader(imageSize, channels), onCorrupt.equals("skip"),
                threads == 0 ? ImageSettings.autoThreads() : threads, cache, ImageAttributes.none(),
                List.of(dir), what, context.log());
    }

    /** Image files under {@code dir}, sorted by their path relative to it ('/'-separated, so the order is the same everywhere). */
    static List<Path> list(Path dir) {
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(p -> !p.equals(dir))
                    .filter(p -> !hidden(dir.relativize(p)))
                    .filter(p -> ImageSettings.isImageName(p.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .map(p -> new Named(relative(dir, p), p))
                    .sorted(java.util.Comparator.comparing(Named::key))
                    .map(Named::file)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw Gan4jException.badInput("cannot list the image folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private record Named(String key, Path file) {
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path dir, Path p) {
        StringBuilder s = new StringBuilder();
        for (Path part : dir.relativize(p)) {
            if (!s.isEmpty()) {
                s.append('/');
            }
            s.append(part);
        }
        return s.toString();
    }
}
