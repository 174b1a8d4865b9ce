package org.gan4j.data.celeba;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;
import org.gan4j.core.config.Checks;
import org.gan4j.core.error.Gan4jException;
import org.gan4j.core.spi.DataContext;
import org.gan4j.core.spi.Dataset;
import org.gan4j.core.spi.DatasetSpec;

/**
 * CelebA's aligned faces ({@code img_align_celeba/*.jpg} with {@code list_eval_partition.txt}),
 * center-cropped and resized. Only the settings exist in this version: {@link #open} refuses.
 */
@JsonClassDescription("CelebA aligned face images (registered; not implemented yet in this version)")
@JsonPropertyOrder({"path", "imageSize", "split", "subset"})
public record CelebaDatasetSpec(
        @JsonProperty("path") @JsonPropertyDescription("directory holding img_align_celeba/ and list_eval_partition.txt")
        String path,
        @JsonProperty("imageSize") @JsonPropertyDescription("side of the square images after center crop and resize")
        int imageSize,
        @JsonProperty("split") @JsonPropertyDescription("partition to use: train, valid, test or all")
        String split,
        @JsonProperty("subset") @JsonPropertyDescription("use only the first N images of the split; 0 means all")
        int subset)
        implements DatasetSpec {

    public static final List<String> SPLITS = List.of("train", "valid", "test", "all");

    /** Validates; null settings take their defaults. */
    public CelebaDatasetSpec {
        path = path == null ? "data/celeba" : path;
        Checks.positive("imageSize", imageSize);
        split = checkSplit(split == null ? "train" : split);
        Checks.nonNegative("subset", subset);
    }

    @JsonCreator
    public CelebaDatasetSpec(@JsonProperty("path") String path, @JsonProperty("imageSize") Integer imageSize,
                             @JsonProperty("split") String split, @JsonProperty("subset") Integer subset) {
        this(path, imageSize == null ? 64 : imageSize, split, subset == null ? 0 : subset);
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
        throw Gan4jException.badInput("the celeba dataset is registered but not implemented yet in this version of gan4j");
    }
}
