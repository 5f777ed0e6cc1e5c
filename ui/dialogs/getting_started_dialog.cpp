#include "ui/dialogs/getting_started_dialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace tlw::ui {

namespace {
// The page each step happens on: dataset, base model, first training, fine-tuning (back on the Model
// page), evaluation, prediction.
constexpr int kStepPages[GettingStartedDialog::kStepCount] = {0, 1, 2, 1, 3, 4};
}  // namespace

GettingStartedDialog::GettingStartedDialog(QWidget* parent)
    : QDialog(parent), m_intro(new QLabel(this)), m_buttons(new QDialogButtonBox(QDialogButtonBox::Close)) {
    setObjectName(QStringLiteral("gettingStartedDialog"));
    setModal(false);
    m_intro->setWordWrap(true);

    auto* stepsWidget = new QWidget;
    auto* grid = new QGridLayout(stepsWidget);
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(6);
    for (int i = 0; i < kStepCount; ++i) {
        Step step{new QLabel, new QLabel, new QPushButton, kStepPages[i]};
        QFont bold = step.heading->font();
        bold.setBold(true);
        step.heading->setFont(bold);
        step.text->setWordWrap(true);
        step.text->setTextFormat(Qt::RichText);
        step.go->setObjectName(QStringLiteral("gettingStartedGo%1").arg(i + 1));
        connect(step.go, &QPushButton::clicked, this, [this, page = step.page] { emit pageRequested(page); });
        grid->addWidget(step.heading, 2 * i, 0, 1, 2);
        grid->addWidget(step.text, 2 * i + 1, 0);
        grid->addWidget(step.go, 2 * i + 1, 1, Qt::AlignTop);
        m_steps.append(step);
    }
    grid->setColumnStretch(0, 1);
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(stepsWidget);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_buttons);
    resize(640, 600);
    retranslateUi();
}

void GettingStartedDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QDialog::changeEvent(event);
}

void GettingStartedDialog::retranslateUi() {
    setWindowTitle(tr("Getting Started"));
    m_intro->setText(
        tr("The Keras transfer-learning tutorial, as clicks. Each step says which line of the "
           "script it replaces; the Next button at the top right of every page leads on."));
    const QString headings[kStepCount] = {
        tr("1. Open your images"),        tr("2. Choose the pretrained base and freeze it"),
        tr("3. Train the new head"),      tr("4. Fine-tune the top layers (optional)"),
        tr("5. Evaluate on test images"), tr("6. Predict and save")};
    const QString texts[kStepCount] = {
        tr("File > Open Dataset Folder (Ctrl+O): one sub-folder per class, as "
           "<code>image_dataset_from_directory</code> reads it, or Help > Try with Demo Data. The page "
           "counts "
           "the images of each class, shows the training/validation split and flags broken or duplicate "
           "images."),
        tr("Pick the backbone, e.g. VGG16 as in <code>VGG16(weights=\"imagenet\", include_top=False)</code>. "
           "The layer table is <code>base_model.summary()</code>; Feature Extraction: Freeze All is "
           "<code>base_model.trainable = False</code>."),
        tr("Set the epochs and the learning rate (Adam, as the tutorial) and press Start (F5): "
           "<code>model.fit</code>, with live accuracy and loss curves. The frozen layers' features are "
           "computed once and cached, so the epochs take seconds."),
        tr("Select a layer and use Train From Selected Layer On (<code>fine_tune_at</code>), or the "
           "fine-tuning preset button, then train again with a lower learning rate. Or set a second phase in "
           "the training settings and both phases run in one go."),
        tr("Evaluate (<code>model.evaluate</code>) on the test split or a folder of your choice: accuracy, "
           "the "
           "confusion matrix, the misclassified images and how well the probabilities are calibrated."),
        tr("Drop images or a folder on the Predict page (<code>model.predict</code>) and export the answers "
           "as CSV. File > Save Model keeps the model; File > Export writes it for other programs.")};
    const QString goTexts[kStepCount] = {tr("Go to Dataset"), tr("Go to Model"),      tr("Go to Training"),
                                         tr("Go to Model"),   tr("Go to Evaluation"), tr("Go to Predict")};
    for (int i = 0; i < kStepCount; ++i) {
        m_steps[i].heading->setText(headings[i]);
        m_steps[i].text->setText(texts[i]);
        m_steps[i].go->setText(goTexts[i]);
    }
}

}  // namespace tlw::ui
