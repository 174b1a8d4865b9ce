package org.gan4j.core.train.output;

import com.google.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gan4j.api.spi.Dataset;
import org.gan4j.api.train.RunInfo;
import org.gan4j.api.train.SampleSource;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingResult;
import org.gan4j.core.config.OutputSettings;
import org.gan4j.core.image.AnimatedGif;
import org.gan4j.core.image.ImageGrid;
import org.gan4j.core.image.PointPlot;
import org.gan4j.core.train.RunDirectory;
import org.gan4j.core.train.TrainOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes pictures of the generator's output on the run's fixed noise: {@code samples/epoch-NNN.png}
 * every {@code output.sampleEvery} epochs, {@code samples/final.png} at the end, and
 * {@code samples/progress.gif} animating the epoch pictures (rewritten at each one). Images are
 * drawn as a grid; 2-D points as a scatter plot over up to {@value #REAL_POINTS} real points on
 * axes fixed from the real data. Other sample shapes get no pictures.
 */
public final class SampleImageWriter implements TrainingListener {

    public static final String DIRECTORY = "samples";
    public static final String FINAL = "final.png";
    public static final String GIF = "progress.gif";
    /** Hundredths of a second per GIF frame. */
    public static final int FRAME_DELAY = 50;

    /** Most frames the GIF keeps: past this, every second frame is dropped and later epochs are taken half as often. */
    public static final int MAX_FRAMES = 100;
    /** Real points drawn under generated 2-D points. */
    public static final int REAL_POINTS = 500;

    private final Path directory;
    private final int every;
    private final Dataset dataset;
    private final List<BufferedImage> frames = new ArrayList<>();
    private int frameStride = 1;
    private int pictures;
    private boolean images;
    private boolean points;
    private INDArray real;
    private double[] limits;

    private final PrintStream warnings;

    @Inject
    public SampleImageWriter(RunDirectory dir, OutputSettings output, Dataset dataset, TrainOptions options) {
        this(dir.resolve(DIRECTORY), output.sampleEvery(), dataset, options.progress());
    }

    /**
     * @param dataset  the real data, drawn under 2-D points; may be null
     * @param warnings where to report that scatter plots cannot be drawn (XChart needs fonts)
     */
    public SampleImageWriter(Path directory, int sampleEvery, Dataset dataset, PrintStream warnings) {
        this.directory = directory;
        this.every = sampleEvery;
        this.dataset = dataset;
        this.warnings = warnings;
    }

    /** The file name of an epoch's grid, e.g. {@code epoch-007.png}. */
    public static String epochFile(int epoch) {
        return String.format(Locale.ROOT, "epoch-%03d.png", epoch);
    }

    @Override
    public void onStart(RunInfo run) {
        images = ImageGrid.isImageShape(run.sampleShape());
        points = PointPlot.isPointShape(run.sampleShape());
        frames.clear();
        frameStride = 1;
        pictures = 0;
        if (points && dataset != null) {
            int n = Math.min(REAL_POINTS, dataset.size());
            int[] first = new int[n];
            for (int i = 0; i < n; i++) {
                first[i] = (int) ((long) i * dataset.size() / n); // spread over the data, deterministic
            }
            real = Nd4j.create(DataType.DOUBLE, n, 2);
            dataset.fill(first, 0, n, real);
        }
        limits = PointPlot.limits(real);
        if (run.resumed()) {
            // The GIF is rebuilt from the epoch pictures on disk up to the checkpoint; later ones are rewritten.
            for (int epoch = every; epoch <= run.resumedEpochs(); epoch += every) {
                Path png = directory.resolve(epochFile(epoch));
                if (java.nio.file.Files.isRegularFile(png)) {
                    try (java.io.InputStream in = java.nio.file.Files.newInputStream(png)) {
                        BufferedImage image = javax.imageio.ImageIO.read(in);
                        if (image != null) {
                            addFrame(image);
                        }
                    } catch (java.io.IOException e) {
                        warnings.println("warning: could not read " + png + " for the progress GIF: " + e.getMessage());
                    }
                }
            }
        }
    }

    /** The picture, or null when a scatter plot cannot be drawn (reported once, then points are skipped). */
    private BufferedImage picture(SampleSource source, String title) {
        INDArray samples = source.samples();
        if (images) {
            return ImageGrid.render(samples, source.columns()); // a conditional run's: one row per class
        }
        try {
            return PointPlot.render(samples, real, limits, title);
        } catch (RuntimeException | LinkageError | InternalError | java.awt.AWTError e) {
            points = false;
            warnings.println("warning: could not draw sample scatter plots, skipping them for this run: " + e);
            return null;
        }
    }

    @Override
    public void onEpochEnd(int epoch, SampleSource samples) {
        if (!(images || points) || epoch % every != 0) {
            return;
        }
        BufferedImage grid = picture(samples, "epoch " + epoch);
        if (grid == null) {
            return;
        }
        ImageGrid.writePng(grid, directory.resolve(epochFile(epoch)));
        if (addFrame(grid)) {
            AnimatedGif.write(frames, FRAME_DELAY, directory.resolve(GIF));
        }
    }

    /** Adds an epoch picture to the GIF's frames; false when it is skipped (thinned out). */
    private boolean addFrame(BufferedImage grid) {
        // Long runs of short epochs would make the GIF huge and its rewriting quadratic: keep at
        // most MAX_FRAMES evenly spaced frames and only rewrite it when a frame is added.
        if (pictures++ % frameStride != 0) {
            return false;
        }
        frames.add(grid);
        if (frames.size() > MAX_FRAMES) {
            for (int i = frames.size() - 1; i >= 0; i--) {
                if (i % 2 == 1) {
                    frames.remove(i);
                }
            }
            frameStride *= 2;
        }
        return true;
    }

    @Override
    public void onEnd(TrainingResult result, SampleSource samples) {
        BufferedImage last = images || points ? picture(samples, "after " + result.iterations() + " iterations") : null;
        if (last != null) {
            ImageGrid.writePng(last, directory.resolve(FINAL));
        }
    }
}
