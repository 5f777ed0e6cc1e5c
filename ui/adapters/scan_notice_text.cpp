#include "ui/adapters/scan_notice_text.h"

#include <QLocale>
#include <QStringList>

namespace tlw::ui {

namespace {
using Kind = tlw::ScanNotice::Kind;

QString nameOf(const std::string& name) { return QString::fromStdString(name); }
int countOf(std::size_t count) { return static_cast<int>(count); }
}  // namespace

QString ScanNoticeText::of(const tlw::ScanNotice& notice) {
    const QString text = warning(notice);
    return text.isEmpty() ? error(notice) : text;
}

QString ScanNoticeText::joined(const std::vector<tlw::ScanNotice>& notices, const QString& separator) {
    QStringList texts;
    for (const tlw::ScanNotice& notice : notices) texts << of(notice);
    return texts.join(separator);
}

QString ScanNoticeText::error(const tlw::ScanNotice& notice) {
    switch (notice.kind) {
        case Kind::NoClassFolders:
            return notice.splitFolders
                       ? tr("No class folders found: a dataset needs one sub-folder per class inside train/ "
                            "and val/.")
                       : tr("No class folders found: a dataset needs one sub-folder per class.");
        case Kind::OnlyOneClass:
            return tr("Only one class folder (“%1”): a classifier needs at least 2 classes.")
                .arg(nameOf(notice.className));
        case Kind::ClassWithoutUsableImages:
            return notice.count == 0
                       ? tr("The class “%1” has no usable images.").arg(nameOf(notice.className))
                       : tr("The class “%1” has no usable images (%n file(s) skipped).", nullptr,
                            countOf(notice.count))
                             .arg(nameOf(notice.className));
        case Kind::ClassWithoutTrainingImages:
            return tr("The class “%1” has no training images.").arg(nameOf(notice.className));
        case Kind::ScanCancelled:
            return tr("The scan was cancelled.");
        default:
            return QString::fromStdString(notice.english());  // a kind added in core but not worded here yet
    }
}

QString ScanNoticeText::warning(const tlw::ScanNotice& notice) {
    switch (notice.kind) {
        case Kind::ClassWithoutValidationImages:
            return tr("The class “%1” has no validation images.").arg(nameOf(notice.className));
        case Kind::TinyClass:
            return tr("The class “%1” has only %n image(s): too few to learn from or to validate on "
                      "reliably.",
                      nullptr, countOf(notice.count))
                .arg(nameOf(notice.className));
        case Kind::ImbalancedClasses:
            return tr("The classes are imbalanced: “%1” has %2 images, “%3” %4 (%5×); accuracy will flatter "
                      "the "
                      "large classes (consider class weights).")
                .arg(nameOf(notice.className), QLocale().toString(countOf(notice.count)),
                     nameOf(notice.otherClassName), QLocale().toString(countOf(notice.otherCount)),
                     QLocale().toString(notice.imbalance(), 'f', 1));
        case Kind::FilesSkipped:
            return tr("%n file(s) skipped (listed with the reasons).", nullptr, countOf(notice.count));
        case Kind::DuplicatesAcrossClasses:
            return tr("Identical images carry different class labels (%n group(s)).", nullptr,
                      countOf(notice.count));
        case Kind::DuplicatesAcrossSubsets:
            return tr(
                "Identical images span subsets (%n group(s)); leakage: validation or test images are also in "
                "training.",
                nullptr, countOf(notice.count));
        case Kind::ValidationSplitIgnored:
            return tr("The validation split is ignored: the folder has fixed train/ and val/ folders.");
        case Kind::BothValidationFolders:
            return tr("Both val/ and validation/ exist: val/ is used, validation/ is ignored.");
        default:
            return manifestWarning(notice);
    }
}

QString ScanNoticeText::manifestWarning(const tlw::ScanNotice& notice) {
    switch (notice.kind) {
        case Kind::NotInManifest:
            return tr("%n image(s) not in the manifest, left out.", nullptr, countOf(notice.count));
        case Kind::MissingFromManifest:
            return tr("%n file(s) listed in the manifest are missing or unreadable.", nullptr,
                      countOf(notice.count));
        case Kind::ChangedSinceManifest:
            return tr("%n file(s) changed since the manifest was written.", nullptr, countOf(notice.count));
        default:
            return {};  // an error
    }
}

}  // namespace tlw::ui
