package org.gan4j.core.train;

import org.gan4j.api.array.Shapes;
import org.gan4j.api.nn.Parameters;
import org.gan4j.api.nn.Pass;
import org.gan4j.api.nn.kernel.Norms;
import org.gan4j.api.spi.Discriminator;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossContext;
import org.gan4j.api.spi.LossResult;
import org.gan4j.api.spi.Optimizer;
import org.gan4j.api.spi.TrainingSchedule;
import org.gan4j.api.train.IterationStats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One iteration of alternating GAN training: {@code dSteps} discriminator steps, each on a fresh real
 * batch, then {@code gSteps} generator steps.
 * <ul>
 * <li>{@link #discriminatorStep}: zero D's gradients; D(real) on pass A; G(z) in training mode;
 *     D(fake) on pass B; the loss; back-propagate pass B then pass A into D's gradients; the loss's
 *     gradient penalties due at this step ({@link GradientPenaltyTerms}: double back-propagation into
 *     D's gradients); D's optimizer step; {@link TrainingSchedule#afterDiscriminatorStep} (weight
 *     clipping for WGAN).</li>
 * <li>{@link #generatorStep}: zero G's gradients; D(x) on the iteration's last real batch when the loss
 *     reads real scores (relativistic losses); D(fake) with the updated D; the generator loss;
 *     back-propagate through D without touching D's gradients, then through G; G's optimizer step.
 *     As in the PyTorch DCGAN reference, the first generator step reuses the generated batch of the
 *     iteration's last discriminator step (G's pass still holds its activations); further generator
 *     steps, or one after no discriminator step, draw new noise.</li>
 * </ul>
 * Every random draw of iteration {@code i} comes from generators reseeded from (seed, i) at its start
 * ({@link #reseed}), so an iteration's numbers depend only on its number and the weights it starts from.
 *
 * <p>In a conditional run ({@link Labels}) the real batch comes with its labels and every generated
 * batch with labels drawn for it; a network that reads labels gets them beside its input, and an
 * AC-GAN discriminator's class logits add their cross-entropy to both losses
 * ({@link AuxiliaryClassifier}, one per discriminator pass). The gradient penalties see the labels
 * too (the real batch's for real samples and interpolates, the drawn ones for generated samples).
 *
 * <p>The loss gets a {@link LossContext} over its state ({@code lossState}, owned by the trainer and
 * saved in checkpoints) and the iteration.
 *
 * <p>Where additions go: a regulariser on D beside the gradient penalties in
 * {@link #discriminatorStep}; something kept from G's weights (an exponential moving average) after
 * G's optimizer step in {@link #generatorStep}.
 */
final class GanStep {

    private final Generator generator;
    private final Discriminator discriminator;
    private final Loss loss;
    private final TrainingSchedule schedule;
    private final Optimizer generatorOptimizer;
    private final Optimizer discriminatorOptimizer;
    private final DivergenceGuard guard;
    private final long seed;
    private final Labels labels;
    private final AuxiliaryClassifier realHead;
    private final AuxiliaryClassifier fakeHead;
    private final GradientPenaltyTerms penalties;
    private final INDArray lossState;

    private final Random noise;
    private final INDArray z;
    private final Pass gTrain;
    private final Pass dReal;
    private final Pass dFake;

    /** 1-based number and epoch of the iteration being computed, for the divergence messages. */
    private long iteration;
    private int epoch;
    /** The numbers of the iteration's last discriminator and generator steps (NaN without one). */
    private double dLoss;
    private double gLoss;
    private double dRealMean;
    private double dFakeMean;
    private double gNorm;
    private double dNorm;

    /**
     * @param penalties the loss's gradient penalties for this discriminator
     * @param lossState the loss's state, updated in place by the loss
     */
    GanStep(Generator generator, Discriminator discriminator, Loss loss, TrainingSchedule schedule,
            Optimizer generatorOptimizer, Optimizer discriminatorOptimizer, DivergenceGuard guard, long seed, DataType type,
            GradientPenaltyTerms penalties, INDArray lossState, Labels labels, double auxiliaryWeight) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.loss = loss;
        this.schedule = schedule;
        this.generatorOptimizer = generatorOptimizer;
        this.discriminatorOptimizer = discriminatorOptimizer;
        this.guard = guard;
        this.seed = seed;
        this.labels = labels;
        this.realHead = AuxiliaryClassifier.of(discriminator, auxiliaryWeight);
        this.fakeHead = AuxiliaryClassifier.of(discriminator, auxiliaryWeight);
        this.penalties = penalties;
        this.lossState = lossState;
        this.noise = Nd4j.getRandomFactory().getNewRandomInstance(Seeds.derive(seed, "noise"));
        this.z = Nd4j.create(type, Shapes.withBatch(schedule.batchSize(), generator.inputShape()));
        this.gTrain = generator.newPass();
        this.dReal = discriminator.newPass();
        this.dFake = discriminator.newPass();
    }

    /**
     * Runs iteration {@code p.iteration} (0-based) of epoch {@code p.epoch}: {@code dSteps}
     * discriminator steps on the next real batches, then {@code gSteps} generator steps.
     *
     * @return what it measured; {@code seconds} is the wall time since {@code startNanos}
     */
    IterationStats run(Progress p, int dSteps, int gSteps, RealBatches real, long startNanos) {
        iteration = p.iteration + 1;
        epoch = p.epoch;
        reseed(p.iteration);
        dLoss = gLoss = dRealMean = dFakeMean = gNorm = dNorm = Double.NaN;
        LossContext context = LossContext.of(lossState, p.iteration);
        INDArray fake = null;
        INDArray realBatch = null;
        INDArray realLabels = null;
        for (int k = 0; k < dSteps; k++) {
            realBatch = real.next();
            realLabels = labels.real(real);
            fake = discriminatorStep(realBatch, realLabels, context);
        }
        for (int k = 0; k < gSteps; k++) {
            generatorStep(k == 0 ? fake : null, realBatch, realLabels, context);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new IterationStats(iteration, epoch, dLoss, gLoss, dRealMean, dFakeMean, gNorm, dNorm, seconds,
                (long) dSteps * schedule.batchSize());
    }

    /**
     * One discriminator update on {@code realBatch} (with its labels {@code realLabels} in a conditional
     * run, else null), with the loss's gradient penalties due at this update; returns the generated
     * batch (owned by G's training pass).
     */
    INDArray discriminatorStep(INDArray realBatch, INDArray realLabels, LossContext context) {
        Parameters d = discriminator.parameters();
        d.zeroGradients();
        INDArray realCondition = labels.forDiscriminator(realLabels);
        INDArray realOut = dReal.forward(realBatch, realCondition, true);
        generator.noise().sample(z, noise);
        INDArray fakeLabels = labels.draw();
        INDArray fake = gTrain.forward(z, labels.forGenerator(fakeLabels), true);
        INDArray fakeCondition = labels.forDiscriminator(fakeLabels);
        INDArray fakeOut = dFake.forward(fake, fakeCondition, true);
        INDArray realScores = realHead.scores(realOut);
        INDArray fakeScores = fakeHead.scores(fakeOut);
        LossResult r = loss.discriminatorLoss(realScores, fakeScores, context);
        guard.checkLoss(iteration, epoch, "discriminator", r, realScores, fakeScores, fake);
        double auxiliary = realHead.classify(realOut, realLabels) + fakeHead.classify(fakeOut, fakeLabels);
        guard.check(iteration, epoch, "discriminator auxiliary cross-entropy", auxiliary);
        dRealMean = loss.meanOutput(realScores);
        dFakeMean = loss.meanOutput(fakeScores);
        dFake.backward(fakeHead.gradient(r.fakeGradient()), true, false); // D step: no input gradient needed
        dReal.backward(realHead.gradient(r.realGradient()), true, false);
        double penalty = penalties.isEmpty() ? 0 : penalties.apply(discriminatorOptimizer.steps(), realBatch, realCondition, dReal,
                fake, dFake, noise, (quantity, value) -> guard.check(iteration, epoch, quantity, value));
        double norm = Norms.euclidean(d.gradients());
        guard.checkGradientNorm(iteration, epoch, "discriminator", norm, r);
        dLoss = r.value() + auxiliary + penalty;
        dNorm = norm;
        discriminatorOptimizer.step();
        schedule.afterDiscriminatorStep(discriminator, loss);
        return fake;
    }

    /**
     * One generator update, on {@code fake} when given (with the labels last drawn for it), else on a
     * newly generated batch; a loss that reads real scores gets {@code realBatch} (the iteration's
     * last, with its labels {@code realLabels}) scored by the updated discriminator.
     */
    void generatorStep(INDArray fake, INDArray realBatch, INDArray realLabels, LossContext context) {
        Parameters g = generator.parameters();
        g.zeroGradients();
        INDArray fakeLabels = labels.current();
        if (fake == null) {
            generator.noise().sample(z, noise);
            fakeLabels = labels.draw();
            fake = gTrain.forward(z, labels.forGenerator(fakeLabels), true);
        }
        INDArray realScores = null;
        if (loss.generatorReadsRealScores()) {
            if (realBatch == null) {
                throw new IllegalStateException("the loss reads real scores in the generator step, but iteration " + iteration
                        + " has no discriminator step to take a real batch from");
            }
            realScores = realHead.scores(dReal.forward(realBatch, labels.forDiscriminator(realLabels), true));
        }
        INDArray fakeOut = dFake.forward(fake, labels.forDiscriminator(fakeLabels), true);
        INDArray fakeScores = fakeHead.scores(fakeOut);
        LossResult r = loss.generatorLoss(realScores, fakeScores, context);
        guard.checkLoss(iteration, epoch, "generator", r, realScores, fakeScores, fake);
        double auxiliary = fakeHead.classify(fakeOut, fakeLabels);
        guard.check(iteration, epoch, "generator auxiliary cross-entropy", auxiliary);
        INDArray dx = dFake.backward(fakeHead.gradient(r.fakeGradient()), false);
        gTrain.backward(dx, true, false); // the latent input needs no gradient
        double norm = Norms.euclidean(g.gradients());
        guard.checkGradientNorm(iteration, epoch, "generator", norm, r);
        gLoss = r.value() + auxiliary;
        gNorm = norm;
        generatorOptimizer.step();
    }

    /**
     * Makes iteration {@code it}'s randomness a function of (seed, it) only: the training noise, the
     * generator's labels, each network's own generator (dropout) and ND4J's global one start afresh
     * from derived seeds.
     */
    private void reseed(long it) {
        noise.setSeed(Seeds.derive(seed, "noise", it));
        generator.reseed(Seeds.derive(seed, "generator-dropout", it));
        discriminator.reseed(Seeds.derive(seed, "discriminator-dropout", it));
        labels.reseed(Seeds.derive(seed, "labels", it));
        Nd4j.getRandom().setSeed(Seeds.derive(seed, "global", it));
    }
}
