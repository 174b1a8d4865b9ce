package org.gan4j.core.train.output;

import com.google.inject.Inject;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gan4j.core.config.OutputSettings;
import org.gan4j.core.image.AnimatedGif;
import org.gan4j.core.image.ImageGrid;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.RunInfo;
import org.gan4j.core.train.SampleSource;
import org.gan4j.core.train.TrainingListener;
import org.gan4j.core.train.TrainingResult;

/**
 * Writes sample grids from the run's fixed noise: {@code samples/epoch-NNN.png} every
 * {@code output.sampleEvery} epochs, {@code samples/final.png} at the end, and
 * {@code samples/progress.gif} animating the epoch grids (rewritten at each one). Samples that are
 * not images (e.g. 2-D points) get no grids.
 */
public final class SampleImageWriter implements TrainingListener {

    public static final String DIRECTORY = "samples";
    public static final String FINAL = "final.png";
    public static final String GIF = "progress.gif";
    /** Hundredths of a second per GIF frame. */
    public static final int FRAME_DELAY = 50;

    private final Path directory;
    private final int every;
    private final List<BufferedImage> frames = new ArrayList<>();
    private boolean images;

    @Inject
    public SampleImageWriter(RunDirectory dir, OutputSettings output) {
        this(dir.resolve(DIRECTORY), output.sampleEvery());
    }

    public SampleImageWriter(Path directory, int sampleEvery) {
        this.directory = directory;
        this.every = sampleEvery;
    }

    /** The file name of an epoch's grid, e.g. {@code epoch-007.png}. */
    public static String epochFile(int epoch) {
        return String.format(Locale.ROOT, "epoch-%03d.png", epoch);
    }

    @Override
    public void onStart(RunInfo run) {
        images = ImageGrid.isImageShape(run.sampleShape());
        frames.clear();
    }

    @Override
    public void onEpochEnd(int epoch, SampleSource samples) {
        if (!images || epoch % every != 0) {
            return;
        }
        BufferedImage grid = ImageGrid.render(samples.samples());
        ImageGrid.writePng(grid, directory.resolve(epochFile(epoch)));
        frames.add(grid);
        AnimatedGif.write(frames, FRAME_DELAY, directory.resolve(GIF));
    }

    @Override
    public void onEnd(TrainingResult result, SampleSource samples) {
        if (images) {
            ImageGrid.writePng(samples.samples(), directory.resolve(FINAL));
        }
    }
}
