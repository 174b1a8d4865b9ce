package org.gan4j.cli.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A benchmark workload, exactly as {@code shared/bench/torch_reference.py} defines it: the networks,
 * loss and optimizer (as gan4j config JSON, so they are built by the same plugins a config selects),
 * the shape of a real sample and the batch size; one discriminator step and one generator step per
 * iteration. The first four train with Adam (lr 2e-4, betas 0.5/0.999) and BCE-with-logits with real
 * target 0.9; the two {@code wgan-gp-*} ones with WGAN-GP (λ 10: the critic step takes the gradient
 * penalty at interpolates by double back-propagation) and Adam (lr 1e-4, betas 0/0.9), critics
 * without dropout or batch norm.
 *
 * @param name          the reference's workload name
 * @param generator     generator settings as config JSON
 * @param discriminator discriminator settings as config JSON
 * @param loss          loss settings as config JSON
 * @param optimizer     optimizer settings (both networks) as config JSON
 * @param sampleShape   one real sample's shape
 * @param batchSize     batch size
 */
record Workload(String name, String generator, String discriminator, String loss, String optimizer, long[] sampleShape,
                int batchSize) {

    static final String LOSS = "{\"type\":\"non-saturating\",\"realLabel\":0.9}";
    static final String OPTIMIZER = "{\"type\":\"adam\",\"lr\":2.0e-4,\"beta1\":0.5,\"beta2\":0.999}";
    static final String GP_LOSS = "{\"type\":\"wasserstein-gp\",\"lambda\":10}";
    static final String GP_OPTIMIZER = "{\"type\":\"adam\",\"lr\":1.0e-4,\"beta1\":0.0,\"beta2\":0.9}";

    static final List<Workload> ALL = List.of(
            mlp("mlp-seed", 32, 0.3, LOSS, OPTIMIZER),
            mlp("mlp-wide", 256, 0.3, LOSS, OPTIMIZER),
            dcgan("dcgan-mnist32", 1, 32, 64, "batch", LOSS, OPTIMIZER),
            dcgan("dcgan-celeba64", 3, 64, 128, "batch", LOSS, OPTIMIZER),
            mlp("wgan-gp-mlp", 256, 0.0, GP_LOSS, GP_OPTIMIZER),
            dcgan("wgan-gp-mnist32", 1, 32, 64, "none", GP_LOSS, GP_OPTIMIZER));

    /** What the reference runs when no workload is named: the first four. */
    static final List<String> DEFAULT = List.of("mlp-seed", "mlp-wide", "dcgan-mnist32", "dcgan-celeba64");

    /** The reference's {@code mlp_pair(100, h, dropout)}: G 100-h-2h-4h-784, D 784-4h-2h-h-1, LeakyReLU 0.2. */
    private static Workload mlp(String name, int h, double dropout, String loss, String optimizer) {
        String g = "{\"type\":\"mlp\",\"latentSize\":100,\"hidden\":[" + h + "," + 2 * h + "," + 4 * h
                + "],\"leakySlope\":0.2,\"dropout\":" + dropout + ",\"noise\":\"normal\"}";
        String d = "{\"type\":\"mlp\",\"hidden\":[" + 4 * h + "," + 2 * h + "," + h + "],\"leakySlope\":0.2,\"dropout\":"
                + dropout + "}";
        return new Workload(name, g, d, loss, optimizer, new long[] {784}, 64);
    }

    /** The reference's {@code dcgan_pair(100, nc, 64, 64, size)}; with normalization none, its {@code critic32}. */
    private static Workload dcgan(String name, int channels, int size, int batch, String normalization, String loss, String optimizer) {
        String g = "{\"type\":\"dcgan\",\"latentSize\":100,\"ngf\":64,\"imageSize\":" + size + ",\"channels\":" + channels + "}";
        String d = "{\"type\":\"dcgan\",\"ndf\":64,\"imageSize\":" + size + ",\"channels\":" + channels
                + ",\"normalization\":\"" + normalization + "\"}";
        return new Workload(name, g, d, loss, optimizer, new long[] {channels, size, size}, batch);
    }

    static Optional<Workload> named(String name) {
        return ALL.stream().filter(w -> w.name.equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(Workload::name).toList();
    }

    /** Timed for a tenth of the iterations, as the reference does. */
    boolean heavy() {
        return name.startsWith("dcgan") || name.equals("wgan-gp-mnist32");
    }

    @Override
    public String toString() {
        return name + " batch=" + batchSize + " sample=" + Arrays.toString(sampleShape);
    }
}
