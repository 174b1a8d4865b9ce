package org.gan4j.data.images;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.data.Batches;
import org.gan4j.api.spi.Condition;
import org.gan4j.api.spi.Dataset;
import org.gan4j.data.images.ImageLoader.UnreadableImageException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Image files decoded when a batch is filled (or once at open with {@code cache}), each through an
 * {@link ImageLoader} into {@code [channels, size, size]} scaled to [-1, 1] as {@code x / 127.5 - 1}.
 * A batch's images are decoded by {@code threads} threads; {@link #slowToFill()} asks the trainer to
 * fill the next batch in the background.
 *
 * <p><b>Corrupt files.</b> A file that does not decode cleanly stops training with an error naming
 * it, or with {@code skipCorrupt} is logged once, counted ({@link #corruptCount()}) and replaced,
 * wherever it is drawn, by the next readable image in the list (so batches stay full and the
 * replacement does not depend on timing).
 */
public final class ImageDataset implements Dataset {

    /** {@code x / 127.5 - 1} for every byte value: 0 maps to -1 and 255 to 1 exactly. */
    private static final float[] SCALE = new float[256];

    static {
        for (int x = 0; x < 256; x++) {
            SCALE[x] = (float) (x / 127.5 - 1);
        }
    }

    private final List<Path> images;
    private final ImageLoader loader;
    private final boolean skipCorrupt;
    private final ImageAttributes attributes;
    private final List<Path> files;
    private final String description;
    private final Consumer<String> log;
    private final ExecutorService pool;
    private final int threads;
    private final byte[][] cache;
    private final Set<Integer> corrupt = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<float[]> scratch = new ThreadLocal<>();

    /**
     * @param images      the sample files in sample order (non-empty)
     * @param loader      decoding and transforms
     * @param skipCorrupt replace unreadable files instead of failing
     * @param threads     threads decoding a batch (1: the filling thread alone)
     * @param cache       decode every image now and keep the bytes ({@code channels * size * size} each)
     * @param attributes  per-sample attributes, or {@link ImageAttributes#none()}
     * @param files       what the run manifest records (metadata files and directories, not every image)
     * @param description one line for the run log
     * @param log         where skipped files and cache progress are reported
     */
    public ImageDataset(List<Path> images, ImageLoader loader, boolean skipCorrupt, int threads, boolean cache,
                        ImageAttributes attributes, List<Path> files, String description, Consumer<String> log) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        if (!attributes.isEmpty() && attributes.size() != images.size()) {
            throw new IllegalArgumentException(attributes.size() + " attribute rows for " + images.size() + " images");
        }
        this.images = List.copyOf(images);
        this.loader = Objects.requireNonNull(loader, "loader");
        this.skipCorrupt = skipCorrupt;
        this.attributes = attributes;
        this.files = List.copyOf(files);
        this.log = Objects.requireNonNull(log, "log");
        this.threads = threads;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, new ThreadFactoryNamed()) : null;
        if (cache) {
            log.accept("decoding " + images.size() + " images into memory (cache: true) ...");
            this.cache = new byte[images.size()][];
            long t0 = System.nanoTime();
            try {
                forEachParallel(images.size(), i -> this.cache[i] = tryLoad(i));
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            log.accept(String.format("decoded %d images in %.1f s", images.size(), (System.nanoTime() - t0) / 1e9));
            for (int i = 0; i < images.size(); i++) {
                if (this.cache[i] == null) {
                    this.cache[i] = sample(i); // fails, or logs and finds the replacement
                }
            }
            int bad = corrupt.size();
            this.description = bad == 0 ? description : description + "; " + bad + " corrupt image" + (bad == 1 ? "" : "s")
                    + " replaced by the next readable one";
        } else {
            this.cache = null;
            this.description = description;
        }
    }

    @Override
    public long[] sampleShape() {
        return new long[] {loader.channels(), loader.size(), loader.size()};
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public void fill(int[] indices, int from, int count, INDArray out) {
        int length = loader.sampleLength();
        float[] values = scratch.get();
        if (values == null || values.length < count * length) {
            values = new float[count * length];
            scratch.set(values);
        }
        float[] target = values;
        forEachParallel(count, r -> {
            int index = indices[from + r];
            if (index < 0 || index >= images.size()) {
                throw new IndexOutOfBoundsException("sample " + index + " of a dataset of " + images.size());
            }
            byte[] bytes = cache != null ? cache[index] : sample(index);
            int t = r * length;
            for (int k = 0; k < length; k++) {
                target[t + k] = SCALE[bytes[k] & 0xff];
            }
        });
        Batches.putRows(out, values, count, length);
    }

    /** Decoding files is slow: the trainer should prefetch, unless everything was decoded at open. */
    @Override
    public boolean slowToFill() {
        return cache == null;
    }

    /** The sample as bytes; a corrupt file fails or is replaced by the next readable image. */
    private byte[] sample(int index) {
        if (!corrupt.contains(index)) {
            byte[] bytes = tryLoad(index);
            if (bytes != null) {
                return bytes;
            }
        }
        int n = images.size();
        for (int k = 1; k < n; k++) {
            int j = (index + k) % n;
            if (!corrupt.contains(j)) {
                byte[] bytes = cache != null && cache[j] != null ? cache[j] : tryLoad(j);
                if (bytes != null) {
                    return bytes;
                }
            }
        }
        throw Gan4jException.badInput("none of the " + n + " images could be read (the first is " + images.get(0)
                + "); check the image files");
    }

    /** The decoded image, or null after counting and logging it as corrupt (when skipping; else throws). */
    private byte[] tryLoad(int index) {
        Path file = images.get(index);
        try {
            return loader.load(file);
        } catch (UnreadableImageException e) {
            if (!skipCorrupt) {
                throw Gan4jException.badInput("cannot read the image " + file + ": " + e.getMessage()
                        + "; replace or delete the file, or set data.onCorrupt: skip to train without it", e);
            }
            if (corrupt.add(index)) {
                log.accept("skipping the corrupt image " + file + " (" + e.getMessage() + "); " + corrupt.size()
                        + " skipped so far, each replaced by the next readable image");
            }
            return null;
        }
    }

    /** Runs {@code task} for 0 .. count-1 on the pool (or inline), rethrowing the first failure. */
    private void forEachParallel(int count, java.util.function.IntConsumer task) {
        if (pool == null || count <= 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, count);
        Future<?>[] futures = new Future<?>[workers];
        for (int w = 0; w < workers; w++) {
            futures[w] = pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.accept(i);
                }
            });
        }
        RuntimeException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (Future<?> g : futures) {
                    g.cancel(true);
                }
                throw new java.util.concurrent.CancellationException("interrupted while decoding images");
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("decoding an image failed", e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The image file of sample {@code index}. */
    public Path image(int index) {
        return images.get(index);
    }

    /** The attributes as condition rows for conditional models (CelebA's 40), or none. */
    @Override
    public Condition condition() {
        return attributes.isEmpty() ? Condition.NONE : Condition.attributes(attributes.names());
    }

    /** Each sample's attributes as a row of 0s and 1s. */
    @Override
    public void fillCondition(int[] indices, int from, int count, INDArray out) {
        int k = attributes.names().size();
        if (k == 0) {
            throw new UnsupportedOperationException(description + " has no attributes");
        }
        float[] rows = new float[count * k];
        for (int i = 0; i < count; i++) {
            for (int a = 0; a < k; a++) {
                rows[i * k + a] = attributes.has(indices[from + i], a) ? 1f : 0f;
            }
        }
        org.gan4j.api.data.Batches.putRows(out, rows, count, k);
    }

    /** Per-sample attributes (CelebA's when {@code list_attr_celeba.txt} is present), else empty. */
    public ImageAttributes attributes() {
        return attributes;
    }

    /** Corrupt files found so far (each replaced by the next readable image). */
    public int corruptCount() {
        return corrupt.size();
    }

    @Override
    public List<Path> files() {
        return files;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static final class ThreadFactoryNamed implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "gan4j-image-decode-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
