package org.gan4j.spark.testplugin;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import org.gan4j.api.spi.ComponentType;
import org.gan4j.api.spi.GanPlugin;
import org.gan4j.api.spi.Loss;
import org.gan4j.api.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A plugin the Spark tests package as a jar at run time: the least-squares GAN loss (D regresses
 * real scores to 1 and generated ones to 0, G its scores to 1), under the name
 * {@value #LOSS}. Not on any class path gan4j runs with, so a run that uses it shows the jar was
 * shipped to where the cell trained.
 */
public final class SquaresPlugin implements GanPlugin {

    public static final String LOSS = "spark-test-squares";

    @Override
    public List<ComponentType> components() {
        return List.of(ComponentType.of(Loss.class, LOSS, Squares.class));
    }

    @JsonClassDescription("least squares, for gan-spark's tests")
    public record Squares() implements Loss {
        @JsonCreator
        public Squares {
        }

        @Override
        public LossResult discriminatorLoss(INDArray realScores, INDArray fakeScores) {
            INDArray real = realScores.sub(1.0);
            INDArray fake = fakeScores.dup();
            return new LossResult(halfMeanSquare(real) + halfMeanSquare(fake), real.divi(realScores.length()), fake.divi(fakeScores.length()));
        }

        @Override
        public LossResult generatorLoss(INDArray fakeScores) {
            INDArray residual = fakeScores.sub(1.0);
            return new LossResult(halfMeanSquare(residual), null, residual.divi(fakeScores.length()));
        }

        @Override
        public double meanOutput(INDArray scores) {
            return scores.meanNumber().doubleValue();
        }

        private static double halfMeanSquare(INDArray residual) {
            double norm = residual.norm2Number().doubleValue();
            return 0.5 * norm * norm / residual.length();
        }
    }
}
