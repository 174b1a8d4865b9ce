package org.gan4j.data.images;

import java.util.List;
import java.util.Locale;

/** Checks and defaults shared by the image datasets' settings ({@code celeba}, {@code image-folder}). */
public final class ImageSettings {

    public static final List<String> ON_CORRUPT = List.of("fail", "skip");
    /** File name endings of the images the datasets pick up, any case. */
    public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private ImageSettings() {
    }

    /** {@code fail} or {@code skip}, any case; null is {@code fail}. */
    public static String onCorrupt(String value) {
        String v = value == null ? "fail" : value.toLowerCase(Locale.ROOT);
        if (!ON_CORRUPT.contains(v)) {
            throw new IllegalArgumentException("onCorrupt must be fail or skip; got '" + value + "'");
        }
        return v;
    }

    /**
     * The decoding threads for {@code threads: 0}: half the processors (the other half train), at
     * least 1, at most 4 (a 64x64 batch of 128 decodes in well under a training step with that).
     */
    public static int autoThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    }

    /** The first {@code subset} items, or all when {@code subset} is 0 or more than there are. */
    public static <T> List<T> subset(List<T> items, int subset) {
        return subset > 0 && subset < items.size() ? items.subList(0, subset) : items;
    }

    /** Whether a file name ends in .png, .jpg or .jpeg (any case). */
    public static boolean isImageName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /** "1 image" / "3 images". */
    static String images(int n) {
        return n + (n == 1 ? " image" : " images");
    }
}
