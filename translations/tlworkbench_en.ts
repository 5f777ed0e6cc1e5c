<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>tlw::ui::AuditPanel</name>
    <message numerus="yes">
        <source>%n of %1 training images have a label the audit doubts; the most suspect first.</source>
        <translation>
            <numerusform>%n of %1 training images has a label the audit doubts; the most suspect first.</numerusform>
            <numerusform>%n of %1 training images have a label the audit doubts; the most suspect first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::ConfusionMatrixModel</name>
    <message numerus="yes">
        <source>True class %1, predicted %2: %n image(s) (%3% of %1)</source>
        <translation>
            <numerusform>True class %1, predicted %2: %n image (%3% of %1)</numerusform>
            <numerusform>True class %1, predicted %2: %n images (%3% of %1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::DatasetController</name>
    <message numerus="yes">
        <source>%n file(s) moved back to where they were.</source>
        <translation>
            <numerusform>%n file moved back to where it was.</numerusform>
            <numerusform>%n files moved back to where they were.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::DatasetPage</name>
    <message numerus="yes">
        <source>Images (%n)</source>
        <translation>
            <numerusform>Images (%n)</numerusform>
            <numerusform>Images (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them verified by an earlier scan and unchanged since, so not decoded again.</source>
        <translation>
            <numerusform>%n of them verified by an earlier scan and unchanged since, so not decoded again.</numerusform>
            <numerusform>%n of them verified by an earlier scan and unchanged since, so not decoded again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::EmbeddingMapPanel</name>
    <message numerus="yes">
        <source>%n image(s); ringed: out-of-fold mistakes, squared: suspect labels.</source>
        <translation>
            <numerusform>%n image; ringed: out-of-fold mistakes, squared: suspect labels.</numerusform>
            <numerusform>%n images; ringed: out-of-fold mistakes, squared: suspect labels.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) selected</source>
        <translation>
            <numerusform>%n image selected</numerusform>
            <numerusform>%n images selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::EvaluationController</name>
    <message numerus="yes">
        <source>the test split, evaluated at the end of training (%n image(s))</source>
        <translation>
            <numerusform>the test split, evaluated at the end of training (%n image)</numerusform>
            <numerusform>the test split, evaluated at the end of training (%n images)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the test split (%n image(s))</source>
        <translation>
            <numerusform>the test split (%n image)</numerusform>
            <numerusform>the test split (%n images)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the validation split (%n image(s)); the dataset has no test split</source>
        <translation>
            <numerusform>the validation split (%n image); the dataset has no test split</numerusform>
            <numerusform>the validation split (%n images); the dataset has no test split</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::EvaluationPage</name>
    <message numerus="yes">
        <source>Misclassified images, highest loss first (%n)</source>
        <translation>
            <numerusform>Misclassified images, highest loss first (%n)</numerusform>
            <numerusform>Misclassified images, highest loss first (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Model: %1, %n class(es), %2×%2 pixels — %3</source>
        <translation>
            <numerusform>Model: %1, %n class, %2×%2 pixels — %3</numerusform>
            <numerusform>Model: %1, %n classes, %2×%2 pixels — %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2: %n image(s), highest loss first</source>
        <translation>
            <numerusform>True %1, predicted %2: %n image, highest loss first</numerusform>
            <numerusform>True %1, predicted %2: %n images, highest loss first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Results on %1; %n image(s) could not be read.</source>
        <translation>
            <numerusform>Results on %1; %n image could not be read.</numerusform>
            <numerusform>Results on %1; %n images could not be read.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::PredictPage</name>
    <message numerus="yes">
        <source>%n image(s) classified</source>
        <translation>
            <numerusform>%n image classified</numerusform>
            <numerusform>%n images classified</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s) shown</source>
        <translation>
            <numerusform>%1 of %n image shown</numerusform>
            <numerusform>%1 of %n images shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::PredictionController</name>
    <message numerus="yes">
        <source>%n prediction(s) exported.</source>
        <translation>
            <numerusform>%n prediction exported.</numerusform>
            <numerusform>%n predictions exported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::RunNoticeText</name>
    <message numerus="yes">
        <source>%1: and %n more skipped file(s)</source>
        <translation>
            <numerusform>%1: and %n more skipped file</numerusform>
            <numerusform>%1: and %n more skipped files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n group(s) of identical files</source>
        <translation>
            <numerusform>%1: %n group of identical files</numerusform>
            <numerusform>%1: %n groups of identical files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n across subsets (leakage)</source>
        <translation>
            <numerusform>, %n across subsets (leakage)</numerusform>
            <numerusform>, %n across subsets (leakage)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n across classes</source>
        <translation>
            <numerusform>, %n across classes</numerusform>
            <numerusform>, %n across classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Computing the output of %1 once for %n image(s) (frozen-prefix cache in %2)</source>
        <translation>
            <numerusform>Computing the output of %1 once for %n image (frozen-prefix cache in %2)</numerusform>
            <numerusform>Computing the output of %1 once for %n images (frozen-prefix cache in %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s) of an older feature cache format in %1 (%2) are no longer read; delete them to free the space</source>
        <translation>
            <numerusform>%n folder of an older feature cache format in %1 (%2) is no longer read; delete it to free the space</numerusform>
            <numerusform>%n folders of an older feature cache format in %1 (%2) are no longer read; delete them to free the space</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adapting the head&apos;s Normalization to the pooled features of %n training image(s) (from the cache)</source>
        <translation>
            <numerusform>Adapting the head&apos;s Normalization to the pooled features of %n training image (from the cache)</numerusform>
            <numerusform>Adapting the head&apos;s Normalization to the pooled features of %n training images (from the cache)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adapting the head&apos;s Normalization to the pooled features of %n training image(s)</source>
        <translation>
            <numerusform>Adapting the head&apos;s Normalization to the pooled features of %n training image</numerusform>
            <numerusform>Adapting the head&apos;s Normalization to the pooled features of %n training images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Solving the head exactly (L-BFGS; L2 strength by 5-fold cross-validation on %n training image(s))</source>
        <translation>
            <numerusform>Solving the head exactly (L-BFGS; L2 strength by 5-fold cross-validation on %n training image)</numerusform>
            <numerusform>Solving the head exactly (L-BFGS; L2 strength by 5-fold cross-validation on %n training images)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  L2 %1: cross-validation accuracy %2, loss %3 (%n iteration(s))</source>
        <translation>
            <numerusform>  L2 %1: cross-validation accuracy %2, loss %3 (%n iteration)</numerusform>
            <numerusform>  L2 %1: cross-validation accuracy %2, loss %3 (%n iterations)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n L-BFGS iteration(s), gradient %1 (tolerance %2), %3</source>
        <translation>
            <numerusform>%n L-BFGS iteration, gradient %1 (tolerance %2), %3</numerusform>
            <numerusform>%n L-BFGS iterations, gradient %1 (tolerance %2), %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n L-BFGS iteration(s), gradient %1 (tolerance %2), NOT converged, %3</source>
        <translation>
            <numerusform>%n L-BFGS iteration, gradient %1 (tolerance %2), NOT converged, %3</numerusform>
            <numerusform>%n L-BFGS iterations, gradient %1 (tolerance %2), NOT converged, %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Early stopping: %1 has not improved for %n epoch(s)</source>
        <translation>
            <numerusform>Early stopping: %1 has not improved for %n epoch</numerusform>
            <numerusform>Early stopping: %1 has not improved for %n epochs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Calibration: temperature %1, fitted on %n validation image(s); expected calibration error %2 → %3, NLL %4 → %5</source>
        <translation>
            <numerusform>Calibration: temperature %1, fitted on %n validation image; expected calibration error %2 → %3, NLL %4 → %5</numerusform>
            <numerusform>Calibration: temperature %1, fitted on %n validation images; expected calibration error %2 → %3, NLL %4 → %5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Test: loss %1, accuracy %2 on %n image(s)</source>
        <translation>
            <numerusform>Test: loss %1, accuracy %2 on %n image</numerusform>
            <numerusform>Test: loss %1, accuracy %2 on %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::ScanNoticeText</name>
    <message numerus="yes">
        <source>The class “%1” has no usable images (%n file(s) skipped).</source>
        <translation>
            <numerusform>The class “%1” has no usable images (%n file skipped).</numerusform>
            <numerusform>The class “%1” has no usable images (%n files skipped).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The class “%1” has only %n image(s): too few to learn from or to validate on reliably.</source>
        <translation>
            <numerusform>The class “%1” has only %n image: too few to learn from or to validate on reliably.</numerusform>
            <numerusform>The class “%1” has only %n images: too few to learn from or to validate on reliably.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped (listed with the reasons).</source>
        <translation>
            <numerusform>%n file skipped (listed with the reasons).</numerusform>
            <numerusform>%n files skipped (listed with the reasons).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Identical images carry different class labels (%n group(s)).</source>
        <translation>
            <numerusform>Identical images carry different class labels (%n group).</numerusform>
            <numerusform>Identical images carry different class labels (%n groups).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Identical images span subsets (%n group(s)); leakage: validation or test images are also in training.</source>
        <translation>
            <numerusform>Identical images span subsets (%n group); leakage: validation or test images are also in training.</numerusform>
            <numerusform>Identical images span subsets (%n groups); leakage: validation or test images are also in training.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) not in the manifest, left out.</source>
        <translation>
            <numerusform>%n image not in the manifest, left out.</numerusform>
            <numerusform>%n images not in the manifest, left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) listed in the manifest are missing or unreadable.</source>
        <translation>
            <numerusform>%n file listed in the manifest is missing or unreadable.</numerusform>
            <numerusform>%n files listed in the manifest are missing or unreadable.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed since the manifest was written.</source>
        <translation>
            <numerusform>%n file changed since the manifest was written.</numerusform>
            <numerusform>%n files changed since the manifest was written.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::ScanReportModel</name>
    <message numerus="yes">
        <source>Cannot be trained on (%n reason(s))</source>
        <translation>
            <numerusform>Cannot be trained on (%n reason)</numerusform>
            <numerusform>Cannot be trained on (%n reasons)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Warnings (%n)</source>
        <translation>
            <numerusform>Warning (%n)</numerusform>
            <numerusform>Warnings (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped files (%n)</source>
        <translation>
            <numerusform>Skipped file (%n)</numerusform>
            <numerusform>Skipped files (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Identical files (%n group(s))</source>
        <translation>
            <numerusform>Identical files (%n group)</numerusform>
            <numerusform>Identical files (%n groups)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identical file(s) in one class (%1 each)</source>
        <translation>
            <numerusform>%n identical file in one class (%1 each)</numerusform>
            <numerusform>%n identical files in one class (%1 each)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identical file(s) with different class labels (%1 each)</source>
        <translation>
            <numerusform>%n identical file with different class labels (%1 each)</numerusform>
            <numerusform>%n identical files with different class labels (%1 each)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Leakage: %n identical file(s) in training and in validation or test (%1 each)</source>
        <translation>
            <numerusform>Leakage: %n identical file in training and in validation or test (%1 each)</numerusform>
            <numerusform>Leakage: %n identical files in training and in validation or test (%1 each)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ignored (%n)</source>
        <translation>
            <numerusform>Ignored (%n)</numerusform>
            <numerusform>Ignored (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hidden entry(s) (names starting with a dot)</source>
        <translation>
            <numerusform>%n hidden entry (a name starting with a dot)</numerusform>
            <numerusform>%n hidden entries (names starting with a dot)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Differences from the split manifest (%n)</source>
        <translation>
            <numerusform>Difference from the split manifest (%n)</numerusform>
            <numerusform>Differences from the split manifest (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::TrainedModelController</name>
    <message numerus="yes">
        <source>%n image(s) from %1</source>
        <translation>
            <numerusform>%n image from %1</numerusform>
            <numerusform>%n images from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test image(s) of %1</source>
        <translation>
            <numerusform>%n test image of %1</numerusform>
            <numerusform>%n test images of %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n validation image(s) of %1</source>
        <translation>
            <numerusform>%n validation image of %1</numerusform>
            <numerusform>%n validation images of %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of the dataset %1, training images included</source>
        <translation>
            <numerusform>%n image of the dataset %1, training images included</numerusform>
            <numerusform>%n images of the dataset %1, training images included</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n generated image(s)</source>
        <translation>
            <numerusform>%n generated image</numerusform>
            <numerusform>%n generated images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::TrainingController</name>
    <message numerus="yes">
        <source>%n class(es): %1</source>
        <translation>
            <numerusform>%n class: %1</numerusform>
            <numerusform>%n classes: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The Predict page shows %n prediction(s) of the current model.</source>
        <translation>
            <numerusform>The Predict page shows %n prediction of the current model.</numerusform>
            <numerusform>The Predict page shows %n predictions of the current model.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::TrainingPage</name>
    <message numerus="yes">
        <source>Finished: %n epoch(s) in %1.</source>
        <translation>
            <numerusform>Finished: %n epoch in %1.</numerusform>
            <numerusform>Finished: %n epochs in %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n epoch(s); Resume carries on from the checkpoint.</source>
        <translation>
            <numerusform>Stopped after %n epoch; Resume carries on from the checkpoint.</numerusform>
            <numerusform>Stopped after %n epochs; Resume carries on from the checkpoint.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failed after %n epoch(s): the message above says why.</source>
        <translation>
            <numerusform>Failed after %n epoch: the message above says why.</numerusform>
            <numerusform>Failed after %n epochs: the message above says why.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::TrainingSettingsForm</name>
    <message numerus="yes">
        <source>Fine-tuning from layer %1 unfreezes nothing: the base has %n layer(s).</source>
        <translation>
            <numerusform>Fine-tuning from layer %1 unfreezes nothing: the base has %n layer.</numerusform>
            <numerusform>Fine-tuning from layer %1 unfreezes nothing: the base has %n layers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No phase has more than %n epoch(s), so early stopping never fires; the run goes to its last epoch (Keras allows this too).</source>
        <translation>
            <numerusform>No phase has more than %n epoch, so early stopping never fires; the run goes to its last epoch (Keras allows this too).</numerusform>
            <numerusform>No phase has more than %n epochs, so early stopping never fires; the run goes to its last epoch (Keras allows this too).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::TriageController</name>
    <message numerus="yes">
        <source>%n image(s) ranked by the probability of %1.</source>
        <translation>
            <numerusform>%n image ranked by the probability of %1.</numerusform>
            <numerusform>%n images ranked by the probability of %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) ranked by their answer&apos;s probability.</source>
        <translation>
            <numerusform>%n image ranked by its answer&apos;s probability.</numerusform>
            <numerusform>%n images ranked by their answer&apos;s probability.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answered unknown.</source>
        <translation>
            <numerusform>%n answered unknown.</numerusform>
            <numerusform>%n answered unknown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read.</source>
        <translation>
            <numerusform>%n could not be read.</numerusform>
            <numerusform>%n could not be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n placed in the destination.</source>
        <translation>
            <numerusform>%n placed in the destination.</numerusform>
            <numerusform>%n placed in the destination.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n got a suffix: the name was taken.</source>
        <translation>
            <numerusform>%n got a suffix: the name was taken.</numerusform>
            <numerusform>%n got a suffix: their names were taken.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be placed.</source>
        <translation>
            <numerusform>%n could not be placed.</numerusform>
            <numerusform>%n could not be placed.</numerusform>
        </translation>
    </message>
</context>
</TS>
