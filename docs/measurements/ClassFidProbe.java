import java.nio.file.Path;
import java.util.*;
import org.gan4j.api.spi.*;
import org.gan4j.core.plugin.ComponentRegistry;
import org.gan4j.core.plugin.PluginLoader;
import org.gan4j.core.run.Sampler;
import org.gan4j.core.metrics.classifier.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where a run's classifier-fid comes from, on the MNIST test split (docs/results.md, "Conditional GANs"):
 * for each run directory given, 10,000 samples (a conditional generator asked for the data's own
 * labels, in order, so its class counts are exactly the data's) in the cached classifier's features:
 * the FID, its mean term |mu_g - mu_r|^2, the total feature variance (trace of the covariance) against
 * the real digits', FID and variance per class (a conditional sample's class is the one asked for, an
 * unconditional one's the classifier's prediction), and the ink per class (mean pixel in [0, 1]).
 *
 *   ./mvnw -q -B package -DskipTests -pl gan-cli -am
 *   java -cp "gan-cli/target/gan4j.jar:gan-cli/target/lib/*" docs/measurements/ClassFidProbe.java RUN_DIR...
 */
public class ClassFidProbe {
    public static void main(String[] a) throws Exception {
        ComponentRegistry reg = PluginLoader.load(ClassFidProbe.class.getClassLoader(), List.of());
        DatasetSpec ds = reg.jsonMapper().readValue("{\"type\":\"mnist\",\"split\":\"test\"}", DatasetSpec.class);
        Dataset data = ds.open(new DataContext(Path.of("."), s -> {}));
        ClassifierCache.Entry entry = new ClassifierCache(null, ClassifierFidSpec.DEFAULT_EPOCHS, 20241, System.out).shared(data);
        int n = data.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Classifier.Output real = entry.classifier().evaluate(n, (from, count, x) -> data.fill(idx, from, count, x));
        INDArray lab = org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, n, 10);
        data.fillCondition(idx, 0, n, lab);
        int[] realClass = new int[n];
        for (int i = 0; i < n; i++) realClass[i] = lab.getRow(i).argMax().getInt(0);
        INDArray realImages = org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, n, 1, 28, 28);
        data.fill(idx, 0, n, realImages);
        ink("real", realImages, realClass);
        for (String run : a) {
            Generator g = Sampler.load(Path.of(run), t -> { try { return reg.jsonMapper().readValue(t, GeneratorSpec.class);} catch (Exception e) { throw new RuntimeException(e);} });
            MetricContext mc = new MetricContext(g, data, n, 1L);
            INDArray cond = null;
            int[] asked = null;
            if (g.conditionSize() > 0) {
                // the data's labels in order: exactly the real class frequencies
                cond = lab.dup();
                asked = realClass;
            }
            INDArray gen = mc.generate(cond);
            INDArray images = gen.reshape(n, 1, 28, 28).castTo(DataType.FLOAT);
            Classifier.Output out = entry.classifier().evaluate(n, (from, count, x) -> x.assign(images.get(NDArrayIndex.interval(from, from + count))));
            int[] cls = new int[n];
            for (int i = 0; i < n; i++) cls[i] = asked != null ? asked[i] : out.predicted(i);
            report(run, out, cls, real, realClass);
            ink(run, images, cls);
        }
    }

    static void report(String name, Classifier.Output gen, int[] gc, Classifier.Output real, int[] rc) {
        FrechetDistance.Gaussian r = FrechetDistance.fit(real.features());
        FrechetDistance.Gaussian g = FrechetDistance.fit(gen.features());
        double meanTerm = 0;
        for (int i = 0; i < r.mean().length; i++) meanTerm += Math.pow(r.mean()[i] - g.mean()[i], 2);
        double tr = 0, trr = 0;
        for (int i = 0; i < r.mean().length; i++) { tr += g.covariance()[i][i]; trr += r.covariance()[i][i]; }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: fid %.2f (mean term %.2f) trace(cov) gen %.1f real %.1f%n  per class fid / trace gen/real / count:", name, FrechetDistance.distance(g, r), meanTerm, tr, trr));
        double sum = 0;
        for (int k = 0; k < 10; k++) {
            double[][] gf = select(gen.features(), gc, k), rf = select(real.features(), rc, k);
            FrechetDistance.Gaussian gk = FrechetDistance.fit(gf), rk = FrechetDistance.fit(rf);
            double f = FrechetDistance.distance(gk, rk);
            sum += f;
            double t1 = 0, t2 = 0;
            for (int i = 0; i < gk.mean().length; i++) { t1 += gk.covariance()[i][i]; t2 += rk.covariance()[i][i]; }
            sb.append(String.format(" %d:%.1f/%.0f/%.0f/%d", k, f, t1, t2, gf.length));
        }
        sb.append(String.format("%n  mean intra-class fid %.2f", sum / 10));
        System.out.println(sb);
    }

    static void ink(String name, INDArray images, int[] cls) {
        int n = cls.length;
        INDArray flat = images.reshape(n, 784).add(1).div(2);
        INDArray perSample = flat.mean(1);
        INDArray bright = flat.gt(0.5).castTo(DataType.FLOAT).mean(1);
        StringBuilder sb = new StringBuilder(name + " ink (mean pixel in [0,1] / share of pixels > 0.5) per class:");
        for (int k = 0; k < 10; k++) {
            double s1 = 0, s2 = 0; int c = 0;
            for (int i = 0; i < n; i++) if (cls[i] == k) { s1 += perSample.getDouble(i); s2 += bright.getDouble(i); c++; }
            sb.append(String.format(" %d:%.3f/%.3f", k, s1 / c, s2 / c));
        }
        sb.append(String.format("  all: %.3f/%.3f", perSample.meanNumber().doubleValue(), bright.meanNumber().doubleValue()));
        System.out.println(sb);
    }

    static double[][] select(double[][] f, int[] c, int k) {
        return java.util.stream.IntStream.range(0, f.length).filter(i -> c[i] == k).mapToObj(i -> f[i]).toArray(double[][]::new);
    }
}
