<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
    <name>tlw::ui::EvaluationPage</name>
    <message numerus="yes">
        <source>Misclassified images, highest loss first (%n)</source>
        <translation>
            <numerusform>Misclassified images, highest loss first (%n)</numerusform>
            <numerusform>Misclassified images, highest loss first (%n)</numerusform>
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
</context>
</TS>
