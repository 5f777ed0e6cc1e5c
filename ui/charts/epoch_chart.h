#pragma once

#include <qcustomplot.h>

#include "ui/charts/epoch_point.h"

namespace tlw::ui {

// One of the two charts of the Keras transfer-learning tutorial's figure: a training and a validation
// curve per epoch, an optional smoothed per-batch training curve, a vertical "Start Fine Tuning" marker,
// a ring on the epoch whose weights the model kept (a legend entry of its own), a hover read-out of the
// nearest epoch, and PNG/PDF export (context menu or method). Points arrive one at a time and each addition
// only queues a replot, so a burst of points costs one repaint. AccuracyChart and LossChart choose the
// metric, titles, legend corner and y range.
class EpochChart : public QCustomPlot {
    Q_OBJECT
public:
    ~EpochChart() override;

    void appendEpoch(const EpochPoint& point);
    // One batch's training value; `epochPosition` is fractional (epoch e's batches lie in (e-1, e] when
    // epochs are numbered from 1). The curve shows an exponential moving average, like TensorBoard.
    void appendBatch(double epochPosition, double trainingValue);
    void setBatchCurveVisible(bool visible);
    bool batchCurveVisible() const;
    void setBatchSmoothing(double weight);  // 0 (raw) .. <1 (smoother); default 0.9

    void setFineTuneStart(double epoch);  // draws the marker at x = epoch
    void clearFineTuneStart();
    bool hasFineTuneMarker() const;
    double fineTuneStart() const { return m_fineTuneEpoch; }

    // Rings the kept epoch's validation point (its training point without validation), named in the legend:
    // a label beside the point would cover the legend or the curves.
    void setKeptEpoch(int epoch);
    void clearKeptEpoch();
    int keptEpoch() const { return m_keptEpoch; }  // 0: none
    QString keptLabel() const;

    void clear();  // all points, the markers and the read-out

    int trainingPointCount() const;
    int validationPointCount() const;
    int batchPointCount() const;
    QCPGraph* trainingGraph() const { return m_training; }
    QCPGraph* validationGraph() const { return m_validation; }
    QCPGraph* batchGraph() const { return m_batch; }
    QString title() const;
    QString fineTuneLabel() const;

    void setExportFolder(const QString& folder) { m_exportFolder = folder; }
    QString exportFolder() const { return m_exportFolder; }

    // Atomic writes (temp file, then rename). On failure return false and say why in `error`.
    bool exportPng(const QString& path, QString* error = nullptr, int width = 0, int height = 0);
    bool exportPdf(const QString& path, QString* error = nullptr, int width = 0, int height = 0);

    // The read-out text for the epoch nearest to x, e.g. "Epoch 3\nTraining: 0.912\nValidation: 0.887".
    QString readoutAt(double x) const;

signals:
    void exported(const QString& path);  // after a successful export from the context menu
    void exportFailed(const QString& path, const QString& reason);

protected:
    struct Style {
        QString title;
        QString yLabel;
        QString xLabel;
        QString trainingName;
        QString validationName;
    };

    explicit EpochChart(QWidget* parent = nullptr);
    virtual double trainingValue(const EpochPoint& point) const = 0;
    virtual double validationValue(const EpochPoint& point) const = 0;
    virtual Style chartStyle() const = 0;  // translated texts, re-read on LanguageChange
    virtual QCPRange valueRange(const QCPRange& data) const = 0;  // y axis for the plotted values
    virtual int valueDecimals() const { return 3; }
    void applyStyle();  // subclasses call it at the end of their constructor

    void changeEvent(QEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void rescale();
    void queueReplot();
    void exportWithDialog(const QString& format);
    bool writeAtomically(const QString& path, const QByteArray& bytes, QString* error);
    QSize exportSize(int width, int height) const;
    void placeKeptMarker();         // on the kept epoch's point, once that point is plotted

    QCPTextElement* m_title;
    QCPGraph* m_training;
    QCPGraph* m_validation;
    QCPGraph* m_batch;
    QCPItemStraightLine* m_fineTuneLine;
    QCPItemText* m_fineTuneLabel;
    QCPGraph* m_kept;  // one point, drawn as a ring
    QCPItemTracer* m_tracer;
    int m_keptEpoch = 0;
    QString m_exportFolder;
    double m_fineTuneEpoch = -1.0;
    double m_smoothing = 0.9;
    double m_smoothed = 0.0;
    bool m_hasSmoothed = false;
};

}  // namespace tlw::ui
