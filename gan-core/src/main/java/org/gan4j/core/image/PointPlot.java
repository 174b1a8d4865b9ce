package org.gan4j.core.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws 2-D samples ({@code [n, 2]}) as a scatter plot with XChart: generated points over real
 * ones, on fixed axes so the frames of an animation line up.
 */
public final class PointPlot {

    /** Side of the square picture in pixels. */
    public static final int SIZE = 500;

    private PointPlot() {
    }

    /** Whether samples of this shape are 2-D points. */
    public static boolean isPointShape(long[] sampleShape) {
        return sampleShape.length == 1 && sampleShape[0] == 2;
    }

    /**
     * Axis limits {@code {min, max}} covering {@code points} with a margin of half their extent on
     * each side, the same for x and y; {@code {-3, 3}} when there are no points.
     */
    public static double[] limits(INDArray points) {
        if (points == null || points.length() == 0) {
            return new double[] {-3, 3};
        }
        double min = points.minNumber().doubleValue();
        double max = points.maxNumber().doubleValue();
        double margin = Math.max((max - min) / 2, 0.5);
        return new double[] {min - margin, max + margin};
    }

    /**
     * Renders {@code generated} (and {@code real} in grey below it, if not null) on axes from
     * {@code limits[0]} to {@code limits[1]}.
     */
    public static BufferedImage render(INDArray generated, INDArray real, double[] limits, String title) {
        XYChart chart = new XYChartBuilder().width(SIZE).height(SIZE).title(title).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisMin(limits[0]).setXAxisMax(limits[1]).setYAxisMin(limits[0]).setYAxisMax(limits[1]);
        if (real != null && real.length() > 0) {
            add(chart, "real", real).setMarkerColor(new Color(170, 170, 170));
        }
        add(chart, "generated", generated).setMarkerColor(new Color(200, 40, 40));
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static XYSeries add(XYChart chart, String name, INDArray points) {
        double[][] xy = points.reshape(points.size(0), 2).castTo(DataType.DOUBLE).transpose().toDoubleMatrix();
        XYSeries series = chart.addSeries(name, xy[0], xy[1]);
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }
}
