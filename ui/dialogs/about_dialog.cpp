#include "ui/dialogs/about_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStringList>
#include <QVBoxLayout>

#include "core/models/winograd_status.h"
#include "core/util/compute_libraries.h"
#include "core/util/version.h"

namespace tlw::ui {

namespace {
QString qs(const std::string& text) { return QString::fromStdString(text); }
}  // namespace

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent),
      m_name(new QLabel(this)),
      m_tagline(new QLabel(this)),
      m_versions(new QLabel(this)),
      m_licence(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this)),
      m_copyButton(new QPushButton(this)) {
    setObjectName(QStringLiteral("aboutDialog"));
    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/tlworkbench.svg")).pixmap(72, 72));
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.6);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_tagline->setWordWrap(true);
    m_versions->setTextFormat(Qt::RichText);
    m_versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_versions->setWordWrap(true);  // a weights file's path can be long
    m_licence->setWordWrap(true);
    m_licence->setForegroundRole(QPalette::PlaceholderText);

    m_buttons->addButton(m_copyButton, QDialogButtonBox::ActionRole);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copyButton, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(versionsText()); });

    auto* text = new QVBoxLayout;
    text->setSpacing(8);
    text->addWidget(m_name);
    text->addWidget(m_tagline);
    text->addWidget(m_versions);
    text->addWidget(m_licence);
    auto* top = new QHBoxLayout;
    top->setSpacing(16);
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 12);
    layout->addLayout(top);
    layout->addWidget(m_buttons);
    // Never smaller than what the wrapped texts need, in any language.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    setMinimumWidth(460);
    retranslateUi();
}

void AboutDialog::setWeightsDescription(const QString& description) {
    m_weights = description;
    retranslateUi();
}

// The BLAS under LibTorch (the reference one is 14x slower), oneDNN and the CPU's vector features, composed
// here so that every word but the libraries' and instruction sets' names is translated.
QString AboutDialog::computationText() const {
    const tlw::ComputeLibraries libraries = tlw::computeLibraries();
    QString blas;
    switch (libraries.blas.kind) {
        case tlw::BlasKind::Reference:
            blas = tr("reference BLAS, unoptimised");
            break;
        case tlw::BlasKind::NotLoaded:
            blas = tr("no BLAS loaded");
            break;
        default:
            blas = qs(tlw::blasKindName(libraries.blas.kind));
    }
    if (!libraries.blas.path.empty()) blas += QStringLiteral(" (%1)").arg(qs(libraries.blas.path));
    QStringList parts{blas};
    if (libraries.oneDnn)
        parts << QStringLiteral("oneDNN %1").arg(qs(libraries.build.oneDnnVersion)).trimmed();
    if (tlw::winogradConvolutionsActive()) parts << tr("Winograd 3x3 convolutions");
    QStringList features;
    for (const std::string& feature : libraries.cpuFeatures) features << qs(feature);
    parts << tr("CPU: %1").arg(features.isEmpty() ? tr("no AVX2") : features.join(QLatin1Char(' ')));
    return parts.join(QStringLiteral(", "));
}

QString AboutDialog::versionsText() const {
    return QStringLiteral("TL Workbench %1\nQt %2 (built with %3)\nLibTorch %4\nOpenCV %5\nHDF5 %6\n%7\n%8")
        .arg(qs(tlw::tlwVersion()), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             qs(tlw::libtorchVersion()), qs(tlw::opencvVersion()), qs(tlw::hdf5Version()),
             tr("Computation: %1").arg(computationText()),
             tr("Weights: %1").arg(m_weights.isEmpty() ? tr("none loaded") : m_weights));
}

void AboutDialog::retranslateUi() {
    setWindowTitle(tr("About TL Workbench"));
    m_name->setText(QStringLiteral("TL Workbench"));
    m_tagline->setText(tr("Version %1. Transfer learning and fine-tuning of pretrained image CNNs, the Keras "
                          "tutorial's recipe with point and click.")
                           .arg(qs(tlw::tlwVersion())));
    const QString row = QStringLiteral("<tr><td style='padding-right:12px'>%1</td><td>%2</td></tr>");
    QString table = QStringLiteral("<table>");
    table += row.arg(
        QStringLiteral("Qt"),
        tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)));
    table += row.arg(QStringLiteral("LibTorch"), qs(tlw::libtorchVersion()));
    table += row.arg(QStringLiteral("OpenCV"), qs(tlw::opencvVersion()));
    table += row.arg(QStringLiteral("HDF5"), qs(tlw::hdf5Version()));
    // The BLAS, oneDNN, threads and CPU features: in core's words, which name libraries and CPU flags.
    table += row.arg(tr("Computation"), computationText().toHtmlEscaped());
    table += row.arg(tr("Weights"), (m_weights.isEmpty() ? tr("none loaded") : m_weights).toHtmlEscaped());
    table += QStringLiteral("</table>");
    m_versions->setText(table);
    m_licence->setText(
        tr("The terms of use of TL Workbench are in the licence file that comes with it. Pretrained "
           "weights are licensed by their authors: check their terms before you share a model "
           "trained from them."));
    m_copyButton->setText(tr("Copy Versions"));
}

void AboutDialog::showEvent(QShowEvent* event) {
    // Wrapped labels know their height only for a width: lay out again for the texts shown now (the
    // language or the weights may have changed since the dialog was built).
    adjustSize();
    QDialog::showEvent(event);
}

void AboutDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QDialog::changeEvent(event);
}

}  // namespace tlw::ui
