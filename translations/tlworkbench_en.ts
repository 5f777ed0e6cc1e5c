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
        <source>Scan report: %n problem(s)</source>
        <translation>
            <numerusform>Scan report: %n problem</numerusform>
            <numerusform>Scan report: %n problems</numerusform>
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
