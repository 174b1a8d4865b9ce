package org.gan4j.data.mnist;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The names of the four IDX files of an MNIST-format dataset, relative to its directory. The
 * defaults are MNIST's (and Fashion-MNIST's) names. A name ending in {@code .gz} is also looked for
 * without it, and a name without {@code .gz} also with it.
 */
@JsonPropertyOrder({"trainImages", "trainLabels", "testImages", "testLabels"})
public record IdxFileNames(
        @JsonProperty("trainImages") @JsonPropertyDescription("IDX images of the train split") String trainImages,
        @JsonProperty("trainLabels") @JsonPropertyDescription("IDX labels of the train split") String trainLabels,
        @JsonProperty("testImages") @JsonPropertyDescription("IDX images of the test split") String testImages,
        @JsonProperty("testLabels") @JsonPropertyDescription("IDX labels of the test split") String testLabels) {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    @JsonCreator
    public IdxFileNames {
        trainImages = name("trainImages", trainImages, TRAIN_IMAGES);
        trainLabels = name("trainLabels", trainLabels, TRAIN_LABELS);
        testImages = name("testImages", testImages, TEST_IMAGES);
        testLabels = name("testLabels", testLabels, TEST_LABELS);
    }

    /** MNIST's names. */
    public static IdxFileNames mnist() {
        return new IdxFileNames(null, null, null, null);
    }

    private static String name(String field, String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isBlank() || value.contains("/") || value.contains("\\")) {
            throw new IllegalArgumentException(field + " must be a file name inside path, got '" + value + "'");
        }
        return value;
    }
}
