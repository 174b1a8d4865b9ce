package org.gan4j.embed;

/** How {@link TrainedGenerator#interpolate} walks from one latent to another. */
public enum Interpolation {
    /** Along the straight line: {@code (1 - t) a + t b}. */
    LINEAR,
    /**
     * Along the great circle (slerp, White 2016): for normal noise the straight line's midpoints are
     * shorter than typical latents, which the generator has rarely seen; slerp keeps the norm in
     * between. Falls back to linear for (anti)parallel latents.
     */
    SPHERICAL;

    /** The point at {@code t} in [0, 1] between {@code a} and {@code b} (same length). */
    double[] at(double[] a, double[] b, double t) {
        double[] out = new double[a.length];
        double omega = this == SPHERICAL ? angle(a, b) : 0;
        if (this == LINEAR || Math.abs(Math.sin(omega)) < 1e-6) {
            for (int i = 0; i < a.length; i++) {
                out[i] = (1 - t) * a[i] + t * b[i];
            }
            return out;
        }
        double wa = Math.sin((1 - t) * omega) / Math.sin(omega);
        double wb = Math.sin(t * omega) / Math.sin(omega);
        for (int i = 0; i < a.length; i++) {
            out[i] = wa * a[i] + wb * b[i];
        }
        return out;
    }

    private static double angle(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return 0;
        }
        return Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb))));
    }
}
