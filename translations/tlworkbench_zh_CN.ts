<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>tlw::ui::AboutDialog</name>
    <message>
        <source>Weights: %1</source>
        <translation>权重：%1</translation>
    </message>
    <message>
        <source>none loaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <source>About TL Workbench</source>
        <translation>关于 TL Workbench</translation>
    </message>
    <message>
        <source>Version %1. Transfer learning and fine-tuning of pretrained image CNNs, the Keras tutorial&apos;s recipe with point and click.</source>
        <translation>版本 %1。对预训练图像 CNN 做迁移学习和微调：Keras 教程里的流程，点几下鼠标即可完成。</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1（编译时版本 %2）</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>The terms of use of TL Workbench are in the licence file that comes with it. Pretrained weights are licensed by their authors: check their terms before you share a model trained from them.</source>
        <translation>TL Workbench 的使用条款见随附的许可证文件。预训练权重的许可由其作者规定：分享基于它们训练的模型之前，请先查看相应条款。</translation>
    </message>
    <message>
        <source>Copy Versions</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <source>Computation: %1</source>
        <translation>计算：%1</translation>
    </message>
    <message>
        <source>Computation</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>reference BLAS, unoptimised</source>
        <translation>参考 BLAS，未优化</translation>
    </message>
    <message>
        <source>no BLAS loaded</source>
        <translation>未加载 BLAS</translation>
    </message>
    <message>
        <source>CPU: %1</source>
        <translation>CPU：%1</translation>
    </message>
    <message>
        <source>no AVX2</source>
        <translation>无 AVX2</translation>
    </message>
    <message>
        <source>Winograd 3x3 convolutions</source>
        <translation>Winograd 3x3 卷积</translation>
    </message>
</context>
<context>
    <name>tlw::ui::AccuracyChart</name>
    <message>
        <source>Training and Validation Accuracy</source>
        <translation>训练集与验证集准确率</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Training Accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>Validation Accuracy</source>
        <translation>验证准确率</translation>
    </message>
</context>
<context>
    <name>tlw::ui::AuditPanel</name>
    <message>
        <source>the label is probably wrong</source>
        <translation>标签很可能有误</translation>
    </message>
    <message>
        <source>the label may be right</source>
        <translation>标签可能正确</translation>
    </message>
    <message>
        <source>Given: &lt;b&gt;%1&lt;/b&gt; · Suggested: &lt;b&gt;%2&lt;/b&gt; · score %3 (%4)</source>
        <translation>标注：&lt;b&gt;%1&lt;/b&gt; · 建议：&lt;b&gt;%2&lt;/b&gt; · 得分 %3（%4）</translation>
    </message>
    <message>
        <source>Find Wrong Labels</source>
        <translation>查找错误标签</translation>
    </message>
    <message>
        <source>Ranks the training images by how likely their label is wrong: five heads, each trained without a fifth of the images, predict that fifth; confident learning compares their answers with the labels. Runs in the background.</source>
        <translation>按标签出错的可能性为训练图像排序：五个分类头各自在不含其中五分之一图像的数据上训练，并预测那五分之一；置信学习将它们的答案与标签比较。在后台运行。</translation>
    </message>
    <message>
        <source>No audit yet.</source>
        <translation>尚未审查。</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 training images have a label the audit doubts; the most suspect first.</source>
        <translation>
            <numerusform>%1 张训练图像中有 %n 张的标签受到怀疑；最可疑的排在前面。</numerusform>
        </translation>
    </message>
    <message>
        <source>Training images it resembles most</source>
        <translation>与之最相似的训练图像</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>The label is right: go on to the next suspect</source>
        <translation>标签正确：转到下一个可疑图像</translation>
    </message>
</context>
<context>
    <name>tlw::ui::CancellableProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>tlw::ui::ClassCountModel</name>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>%1 images, %2 % of the dataset</source>
        <translation>%1 张图像，占数据集的 %2%</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试集</translation>
    </message>
</context>
<context>
    <name>tlw::ui::ClassThresholdsPanel</name>
    <message>
        <source>Threshold for every class: %1</source>
        <translation>所有类别的阈值：%1</translation>
    </message>
    <message>
        <source>Save Thresholds in Model</source>
        <translation>将阈值保存到模型</translation>
    </message>
    <message>
        <source>Predictions, triage and exports then answer &quot;unknown&quot; when the chosen class&apos;s probability is below its threshold</source>
        <translation>保存后，预测、分拣和导出在所选类别的概率低于其阈值时给出“未知”</translation>
    </message>
    <message>
        <source>Evaluate to see what the thresholds cost.</source>
        <translation>评估后即可看到这些阈值的代价。</translation>
    </message>
    <message>
        <source>Coverage %1 (%2 of %3 images answered, the rest unknown) · accuracy on the answered %4</source>
        <translation>覆盖率 %1（%3 张图像中有 %2 张给出结论，其余为未知）· 给出结论的图像准确率 %4</translation>
    </message>
    <message>
        <source>(none answered)</source>
        <translation>（没有给出任何结论）</translation>
    </message>
</context>
<context>
    <name>tlw::ui::ColourBar</name>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>How much the region raised the model&apos;s score for the class: the colours of the overlay</source>
        <translation>该区域使模型对该类别的得分提高了多少：即叠加层的颜色</translation>
    </message>
</context>
<context>
    <name>tlw::ui::ConfusionMatrixModel</name>
    <message numerus="yes">
        <source>True class %1, predicted %2: %n image(s) (%3% of %1)</source>
        <translation>
            <numerusform>真实类别 %1，预测为 %2：%n 张图像（占 %1 的 %3%）</numerusform>
        </translation>
    </message>
    <message>
        <source>Predicted as %1</source>
        <translation>预测为 %1</translation>
    </message>
    <message>
        <source>True class %1</source>
        <translation>真实类别 %1</translation>
    </message>
</context>
<context>
    <name>tlw::ui::CoverageChart</name>
    <message>
        <source>Coverage and Accuracy</source>
        <translation>覆盖率与准确率</translation>
    </message>
    <message>
        <source>Coverage (share of images answered)</source>
        <translation>覆盖率（给出结论的图像比例）</translation>
    </message>
    <message>
        <source>Accuracy on the answered images</source>
        <translation>给出结论的图像的准确率</translation>
    </message>
    <message>
        <source>Answering every image</source>
        <translation>对全部图像给出结论</translation>
    </message>
    <message>
        <source>One threshold for all classes</source>
        <translation>所有类别共用一个阈值</translation>
    </message>
</context>
<context>
    <name>tlw::ui::CrossValidationChart</name>
    <message>
        <source>Head: %1-Fold Cross-Validation</source>
        <translation>分类头：%1 折交叉验证</translation>
    </message>
    <message>
        <source>Head: Cross-Validation</source>
        <translation>分类头：交叉验证</translation>
    </message>
    <message>
        <source>L2 strength (log scale)</source>
        <translation>L2 正则强度（对数刻度）</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Cross-validation accuracy</source>
        <translation>交叉验证准确率</translation>
    </message>
    <message>
        <source>Cross-validation loss</source>
        <translation>交叉验证损失</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>选定：%1</translation>
    </message>
</context>
<context>
    <name>tlw::ui::DatasetController</name>
    <message>
        <source>The folder could not be scanned.</source>
        <translation>无法扫描该文件夹。</translation>
    </message>
    <message>
        <source>There is no scanned dataset to save a split of.</source>
        <translation>还没有扫描过的数据集，无法保存其划分。</translation>
    </message>
    <message>
        <source>The split manifest could not be saved.</source>
        <translation>无法保存划分清单。</translation>
    </message>
    <message>
        <source>Split manifest saved.</source>
        <translation>划分清单已保存。</translation>
    </message>
    <message>
        <source>The audit could not run.</source>
        <translation>无法进行审查。</translation>
    </message>
    <message>
        <source>The image could not be moved.</source>
        <translation>无法移动该图像。</translation>
    </message>
    <message>
        <source>Moved to the class %1.</source>
        <translation>已移到类别 %1。</translation>
    </message>
    <message>
        <source>The move could not be undone.</source>
        <translation>无法撤销该移动。</translation>
    </message>
    <message>
        <source>Moved back to where it was.</source>
        <translation>已移回原处。</translation>
    </message>
    <message>
        <source>Moved to the quarantine folder %1.</source>
        <translation>已移入隔离文件夹 %1。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) moved back to where they were.</source>
        <translation>
            <numerusform>%n 个文件已移回原处。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::DatasetPage</name>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>One sub-folder per class, as Keras image_dataset_from_directory expects.</source>
        <translation>每个类别一个子文件夹，与 Keras 的 image_dataset_from_directory 要求相同。</translation>
    </message>
    <message>
        <source>Open a dataset folder…</source>
        <translation>打开数据集文件夹…</translation>
    </message>
    <message>
        <source>Open Dataset Folder…</source>
        <translation>打开数据集文件夹…</translation>
    </message>
    <message>
        <source>Try with Demo Data</source>
        <translation>使用示例数据试一试</translation>
    </message>
    <message>
        <source>Generate a small seal-impression dataset and open it</source>
        <translation>生成一个小型印章印文数据集并打开它</translation>
    </message>
    <message>
        <source>Recent datasets</source>
        <translation>最近的数据集</translation>
    </message>
    <message>
        <source>Open Another Folder…</source>
        <translation>打开其他文件夹…</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Training / validation split</source>
        <translation>训练集/验证集划分</translation>
    </message>
    <message>
        <source>Validation fraction:</source>
        <translation>验证集比例：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Seed of the random split: the same seed gives the same split (Keras: &lt;code&gt;seed&lt;/code&gt;)</source>
        <translation>随机划分的种子：种子相同，划分结果就相同（Keras：&lt;code&gt;seed&lt;/code&gt;）</translation>
    </message>
    <message numerus="yes">
        <source>Images (%n)</source>
        <translation>
            <numerusform>图像（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>This dataset cannot be trained on yet.</source>
        <translation>该数据集暂时还不能用于训练。</translation>
    </message>
    <message>
        <source>Fixed split folders: %1. Their split is used as it is.</source>
        <translation>固定的划分文件夹：%1。直接使用其中的划分。</translation>
    </message>
    <message>
        <source>Subsets from the split manifest %1.</source>
        <translation>训练集/验证集取自划分清单 %1。</translation>
    </message>
    <message>
        <source>Checking every image in %1…</source>
        <translation>正在检查 %1 中的每一张图像…</translation>
    </message>
    <message>
        <source>Looking for class folders…</source>
        <translation>正在查找类别文件夹…</translation>
    </message>
    <message>
        <source>%1 of %2 files checked</source>
        <translation>已检查 %1 / %2 个文件</translation>
    </message>
    <message>
        <source>Drawing the demo seal impressions into %1…</source>
        <translation>正在把示例印章印文绘制到 %1…</translation>
    </message>
    <message>
        <source>Loading the fonts…</source>
        <translation>正在加载字体…</translation>
    </message>
    <message>
        <source>%1 of %2 images drawn</source>
        <translation>已绘制 %1 / %2 张图像</translation>
    </message>
    <message>
        <source>Drop a folder here, or choose one. Each sub-folder is a class; its images are the examples of that class. Folders with train/ and val/ sub-folders keep their split.</source>
        <translation>把文件夹拖到这里，或选择一个文件夹。每个子文件夹是一个类别，其中的图像就是该类别的样本。含有 train/ 和 val/ 子文件夹的数据集会沿用其划分。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Checking the images again with the new split settings</source>
        <translation>正在按新的划分设置重新检查图像</translation>
    </message>
    <message>
        <source>Share of each class held out for validation, stratified (Keras: &lt;code&gt;validation_split&lt;/code&gt;)</source>
        <translation>每个类别中留作验证集的比例，分层抽样（Keras：&lt;code&gt;validation_split&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Use Split Manifest…</source>
        <translation>使用划分清单…</translation>
    </message>
    <message>
        <source>Reuse the subsets recorded in a manifest, so that a run can be repeated on the same split</source>
        <translation>沿用清单中记录的划分，以便在相同的划分上重复实验</translation>
    </message>
    <message>
        <source>Stop Using It</source>
        <translation>停止使用</translation>
    </message>
    <message>
        <source>Save Split Manifest…</source>
        <translation>保存划分清单…</translation>
    </message>
    <message>
        <source>Write which file went to which subset, with content hashes, to a JSON file</source>
        <translation>把每个文件所属的子集及其内容哈希写入 JSON 文件</translation>
    </message>
    <message>
        <source>Scan report</source>
        <translation>扫描报告</translation>
    </message>
    <message>
        <source>No split manifest: the fraction and seed above decide the split.</source>
        <translation>未使用划分清单：由上面的比例和随机种子决定划分。</translation>
    </message>
    <message>
        <source>Images and Report</source>
        <translation>图像与报告</translation>
    </message>
    <message>
        <source>Audit Labels</source>
        <translation>审查标签</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Class: %1, subset: %2</source>
        <translation>类别：%1，子集：%2</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>分布图</translation>
    </message>
    <message>
        <source>%1 image files, %2 usable, checked in %3 s.</source>
        <translation>%1 个图像文件，%2 个可用，检查用时 %3 秒。</translation>
    </message>
    <message numerus="yes">
        <source>%n of them verified by an earlier scan and unchanged since, so not decoded again.</source>
        <translation>
            <numerusform>其中 %n 个已由先前的扫描验证且之后未改动，因此不再解码。</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click a file to show it in the file manager.</source>
        <translation>双击文件可在文件管理器中显示。</translation>
    </message>
</context>
<context>
    <name>tlw::ui::DemoController</name>
    <message>
        <source>The demo data could not be generated.</source>
        <translation>无法生成示例数据。</translation>
    </message>
</context>
<context>
    <name>tlw::ui::EmbeddingMapPanel</name>
    <message>
        <source>Draw Map</source>
        <translation>绘制分布图</translation>
    </message>
    <message>
        <source>Places every image by its features (the pretrained backbone&apos;s, as the audit reads them): similar images lie close together. Runs the label audit too, in the background.</source>
        <translation>按特征（审查所用的预训练骨干网络特征）放置每张图像：相似的图像彼此靠近。同时在后台运行标签审查。</translation>
    </message>
    <message>
        <source>No map yet.</source>
        <translation>尚无分布图。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s); ringed: out-of-fold mistakes, squared: suspect labels.</source>
        <translation>
            <numerusform>%n 张图像；圆圈：折外预测错误，方框：可疑标签。</numerusform>
        </translation>
    </message>
    <message>
        <source>Projection:</source>
        <translation>投影：</translation>
    </message>
    <message>
        <source>t-SNE</source>
        <translation>t-SNE</translation>
    </message>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Draw around points to select them (or hold Shift and drag)</source>
        <translation>圈画以选择其中的点（或按住 Shift 拖动）</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) selected</source>
        <translation>
            <numerusform>已选择 %n 张图像</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::EmbeddingMapPlot</name>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Class: %1 (%2)</source>
        <translation>类别：%1（%2）</translation>
    </message>
    <message>
        <source>The audit doubts its label</source>
        <translation>审查怀疑其标签有误</translation>
    </message>
    <message>
        <source>Misclassified out of fold</source>
        <translation>折外预测错误</translation>
    </message>
    <message>
        <source>Suspect label</source>
        <translation>可疑标签</translation>
    </message>
    <message>
        <source>First principal component</source>
        <translation>第一主成分</translation>
    </message>
    <message>
        <source>t-SNE 1</source>
        <translation>t-SNE 1</translation>
    </message>
    <message>
        <source>Second principal component</source>
        <translation>第二主成分</translation>
    </message>
    <message>
        <source>t-SNE 2</source>
        <translation>t-SNE 2</translation>
    </message>
</context>
<context>
    <name>tlw::ui::EpochChart</name>
    <message>
        <source>%1 (per batch, smoothed)</source>
        <translation>%1（逐批次，平滑）</translation>
    </message>
    <message>
        <source>Start Fine Tuning</source>
        <translation>开始微调</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>导出为 PNG…</translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation>导出为 PDF…</translation>
    </message>
    <message>
        <source>Show Smoothed Per-Batch Curve</source>
        <translation>显示平滑的逐批次曲线</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: the chart could not be rendered</source>
        <translation>%1：无法绘制图表</translation>
    </message>
    <message>
        <source>%1: the PDF could not be started</source>
        <translation>%1：无法创建 PDF</translation>
    </message>
    <message>
        <source>Kept weights</source>
        <translation>保留的权重</translation>
    </message>
</context>
<context>
    <name>tlw::ui::ErrorBanner</name>
    <message>
        <source>Hide details</source>
        <translation>隐藏详情</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
</context>
<context>
    <name>tlw::ui::EvaluationController</name>
    <message>
        <source>The evaluation failed.</source>
        <translation>评估失败。</translation>
    </message>
    <message numerus="yes">
        <source>the test split, evaluated at the end of training (%n image(s))</source>
        <translation>
            <numerusform>测试集，在训练结束时评估（%n 张图像）</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no trained model to evaluate yet.</source>
        <translation>还没有可评估的已训练模型。</translation>
    </message>
    <message>
        <source>Train one on the Training page, or open a model file (File ▸ Open Model…).</source>
        <translation>请在“训练”页训练一个模型，或打开一个模型文件（文件 ▸ 打开模型…）。</translation>
    </message>
    <message>
        <source>Open the dataset first: its test split is evaluated.</source>
        <translation>请先打开数据集：评估使用的是它的测试集。</translation>
    </message>
    <message numerus="yes">
        <source>the test split (%n image(s))</source>
        <translation>
            <numerusform>测试集（%n 张图像）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the validation split (%n image(s)); the dataset has no test split</source>
        <translation>
            <numerusform>验证集（%n 张图像）；该数据集没有测试集</numerusform>
        </translation>
    </message>
    <message>
        <source>The dataset has no test split: the validation images are evaluated.</source>
        <translation>该数据集没有测试集：改为评估验证集图像。</translation>
    </message>
    <message>
        <source>They chose the best epoch, so their figures flatter the model a little. A test/ folder, or another folder, gives unbiased figures.</source>
        <translation>最佳轮次是根据这些图像选出的，所以结果会略微偏高。使用 test/ 文件夹或其他文件夹可以得到无偏的结果。</translation>
    </message>
    <message>
        <source>The dataset has neither test nor validation images.</source>
        <translation>该数据集既没有测试集图像，也没有验证集图像。</translation>
    </message>
    <message>
        <source>Choose another folder with the same classes.</source>
        <translation>请选择另一个类别相同的文件夹。</translation>
    </message>
    <message>
        <source>The dataset&apos;s class &quot;%1&quot; is not one of the model&apos;s classes.</source>
        <translation>数据集中的类别“%1”不在模型的类别之中。</translation>
    </message>
    <message>
        <source>The model knows: %1</source>
        <translation>模型的类别为：%1</translation>
    </message>
</context>
<context>
    <name>tlw::ui::EvaluationPage</name>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Measure the trained model on images it has never seen: the test split, or another folder with the same classes.</source>
        <translation>在模型从未见过的图像上衡量训练好的模型：使用测试集，或者另一个类别相同的文件夹。</translation>
    </message>
    <message>
        <source>Test images:</source>
        <translation>测试图像：</translation>
    </message>
    <message>
        <source>Test split of the dataset</source>
        <translation>数据集的测试集</translation>
    </message>
    <message>
        <source>Another folder</source>
        <translation>其他文件夹</translation>
    </message>
    <message>
        <source>Choose Folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Loss (cross entropy)</source>
        <translation>损失（交叉熵）</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Balanced accuracy</source>
        <translation>平衡准确率</translation>
    </message>
    <message>
        <source>Mean of the per-class recalls: not fooled by one large class</source>
        <translation>各类别召回率的平均值：不会被某个样本特别多的类别误导</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>各类别指标</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1 score</source>
        <translation>F1 分数</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Evaluate the model to see which classes it confuses.</source>
        <translation>评估模型后，可以在这里看到它容易混淆哪些类别。</translation>
    </message>
    <message numerus="yes">
        <source>Misclassified images, highest loss first (%n)</source>
        <translation>
            <numerusform>分类错误的图像，按损失从高到低（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Misclassified images</source>
        <translation>分类错误的图像</translation>
    </message>
    <message numerus="yes">
        <source>Model: %1, %n class(es), %2×%2 pixels — %3</source>
        <translation>
            <numerusform>模型：%1，%n 个类别，%2×%2 像素 — %3</numerusform>
        </translation>
    </message>
    <message>
        <source>No trained model yet: train one on the Training page, or open a model file (File ▸ Open Model…).</source>
        <translation>还没有已训练的模型：请在“训练”页训练一个，或打开一个模型文件（文件 ▸ 打开模型…）。</translation>
    </message>
    <message>
        <source>Not pretrained</source>
        <translation>未预训练</translation>
    </message>
    <message>
        <source>This model was trained from random weights, not from ImageNet&apos;s: its accuracy says little about what transfer learning can reach. %1</source>
        <translation>该模型是从随机权重而不是 ImageNet 权重开始训练的：它的准确率不能代表迁移学习所能达到的水平。%1</translation>
    </message>
    <message>
        <source>The dataset&apos;s test/ folder; a dataset without one is evaluated on its validation images</source>
        <translation>数据集的 test/ 文件夹；没有测试集的数据集会改用验证集图像评估</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Rows: true class. Columns: predicted class. Double-click a cell to see its images.</source>
        <translation>行：真实类别。列：预测类别。双击单元格可查看其中的图像。</translation>
    </message>
    <message>
        <source>Show All Misclassified</source>
        <translation>显示全部分类错误的图像</translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2: %n image(s), highest loss first</source>
        <translation>
            <numerusform>真实 %1、预测为 %2：%n 张图像，按损失从高到低</numerusform>
        </translation>
    </message>
    <message>
        <source>Images that could not be read:</source>
        <translation>无法读取的图像：</translation>
    </message>
    <message>
        <source>Results on %1.</source>
        <translation>评估数据：%1。</translation>
    </message>
    <message numerus="yes">
        <source>Results on %1; %n image(s) could not be read.</source>
        <translation>
            <numerusform>评估数据：%1；有 %n 张图像无法读取。</numerusform>
        </translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>ROC and Precision-Recall</source>
        <translation>受试者工作特征与精确率-召回率</translation>
    </message>
    <message>
        <source>For models with two classes: the second class is the positive one</source>
        <translation>适用于两个类别的模型：第二个类别为正类</translation>
    </message>
    <message>
        <source>Threshold for %1: %2</source>
        <translation>%1 的阈值：%2</translation>
    </message>
    <message>
        <source>Precision %1 · recall %2 · %3 of %4 images pass</source>
        <translation>精确率 %1 · 召回率 %2 · %4 张图像中有 %3 张通过</translation>
    </message>
    <message>
        <source>Save Threshold in Model</source>
        <translation>将阈值保存到模型</translation>
    </message>
    <message>
        <source>Stored in the model: predictions and exports then answer %1 only from this probability</source>
        <translation>保存在模型中：此后预测和导出的模型只在概率达到此值时才判为 %1</translation>
    </message>
    <message>
        <source>Calibration error (ECE)</source>
        <translation>期望校准误差</translation>
    </message>
    <message>
        <source>Expected calibration error: how far the confidence is from the accuracy</source>
        <translation>期望校准误差：置信度与准确率之间相差多少</translation>
    </message>
    <message>
        <source>Expected calibration error over %1 bins: %2 before temperature scaling (temperature %3 fitted on the validation split), %4 after</source>
        <translation>%1 个区间上的期望校准误差：温度缩放前为 %2（温度 %3，在验证集上拟合），缩放后为 %4</translation>
    </message>
    <message>
        <source>Expected calibration error over %1 bins; the model is not calibrated (it was trained without a validation split, or by an older version)</source>
        <translation>%1 个区间上的期望校准误差；该模型未经校准（训练时没有验证集，或由旧版本训练）</translation>
    </message>
    <message>
        <source>True: %1 · predicted: %2 (probability %3) · loss %4</source>
        <translation>真实：%1 · 预测：%2（概率 %3）· 损失 %4</translation>
    </message>
    <message>
        <source>%1 → %2 (%3)</source>
        <comment>gallery tile: true class → predicted class (its probability)</comment>
        <translation>%1 → %2（%3）</translation>
    </message>
    <message>
        <source>Thresholds and Coverage</source>
        <translation>阈值与覆盖率</translation>
    </message>
</context>
<context>
    <name>tlw::ui::FileMoveBar</name>
    <message>
        <source>Move to class:</source>
        <translation>移到类别：</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Move to Quarantine</source>
        <translation>移入隔离区</translation>
    </message>
    <message>
        <source>Undo Last Move</source>
        <translation>撤销上次移动</translation>
    </message>
    <message>
        <source>Moves the file into the chosen class folder (never deletes it); the move is written to a journal in the dataset folder, so it can be undone</source>
        <translation>把文件移到所选类别的文件夹（从不删除）；每次移动都记入数据集文件夹中的日志，因此可以撤销</translation>
    </message>
    <message>
        <source>Moves the file into the dataset&apos;s .tlw-quarantine folder, which training does not read (never deletes it); journalled, so it can be undone</source>
        <translation>将该文件移到数据集的 .tlw-quarantine 文件夹（训练不会读取；从不删除）；已记录日志，可以撤销</translation>
    </message>
    <message>
        <source>Moves the selected files into the chosen class folder (never deletes them); every move is written to a journal in the dataset folder, so it can be undone</source>
        <translation>将所选文件移到所选类别文件夹（从不删除）；每次移动都记录在数据集文件夹的日志中，可以撤销</translation>
    </message>
    <message>
        <source>Moves the selected files into the dataset&apos;s .tlw-quarantine folder, which training does not read (never deletes them); journalled, so it can be undone</source>
        <translation>将所选文件移到数据集的 .tlw-quarantine 文件夹（训练不会读取；从不删除）；已记录日志，可以撤销</translation>
    </message>
</context>
<context>
    <name>tlw::ui::FineTunePresetButton</name>
    <message>
        <source>Fine-Tune the Last Block</source>
        <translation>微调最后一个块</translation>
    </message>
    <message>
        <source>Fine-Tune as the Keras Tutorial</source>
        <translation>按 Keras 教程微调</translation>
    </message>
    <message>
        <source>Fine-Tune the Last Two Blocks</source>
        <translation>微调最后两个块</translation>
    </message>
    <message>
        <source>Fine-Tune the Last Stage</source>
        <translation>微调最后一个阶段</translation>
    </message>
    <message>
        <source>Fine-Tune the Last Two Stages</source>
        <translation>微调最后两个阶段</translation>
    </message>
    <message>
        <source>Trains %1 and every layer after it, and the head; the %2 layers before it stay frozen (Keras: &lt;code&gt;fine_tune_at = %2&lt;/code&gt;).</source>
        <translation>训练 %1 及其后的每一层和分类头；它之前的 %2 层保持冻结（Keras：&lt;code&gt;fine_tune_at = %2&lt;/code&gt;）。</translation>
    </message>
    <message>
        <source>Frozen &lt;code&gt;BatchNormalization&lt;/code&gt; layers run in inference mode.</source>
        <translation>冻结的 &lt;code&gt;BatchNormalization&lt;/code&gt; 层以推理模式运行。</translation>
    </message>
    <message>
        <source>%1 (fine_tune_at = %2)</source>
        <translation>%1（fine_tune_at = %2）</translation>
    </message>
    <message>
        <source>The arrow lists the other presets.</source>
        <translation>点击箭头可查看其他预设。</translation>
    </message>
    <message>
        <source>Fine-Tune</source>
        <translation>微调</translation>
    </message>
</context>
<context>
    <name>tlw::ui::FineTuneSweepController</name>
    <message>
        <source>A training run is going on; start the sweep once it has ended.</source>
        <translation>正在进行一次训练；请在它结束后再开始比较。</translation>
    </message>
    <message>
        <source>The sweep cannot start: the Training page says why.</source>
        <translation>无法开始比较：原因见训练页。</translation>
    </message>
    <message>
        <source>The sweep cannot start with these settings: %1</source>
        <translation>无法以这些设置开始比较：%1</translation>
    </message>
    <message>
        <source>Best model will be written to %1</source>
        <translation>最佳模型将写入 %1</translation>
    </message>
    <message>
        <source>The sweep failed: %1</source>
        <translation>比较失败：%1</translation>
    </message>
    <message>
        <source>Stopping after this batch…</source>
        <translation>将在本批次结束后停止…</translation>
    </message>
    <message>
        <source>The sweep was stopped before any candidate finished an epoch.</source>
        <translation>比较在任何候选完成一轮之前就已停止。</translation>
    </message>
    <message>
        <source>Stopped. Best of the candidates done: fine-tuning from layer %1 (%2), validation accuracy %3, in %4 s. Saved as %5</source>
        <translation>已停止。已完成的候选中最佳：从第 %1 层（%2）开始微调，验证准确率 %3，用时 %4 秒。已保存为 %5</translation>
    </message>
    <message>
        <source>Best: fine-tuning from layer %1 (%2), validation accuracy %3, in %4 s. Saved as %5</source>
        <translation>最佳：从第 %1 层（%2）开始微调，验证准确率 %3，用时 %4 秒。已保存为 %5</translation>
    </message>
    <message>
        <source>The Evaluation and Predict pages now use %1</source>
        <translation>评估页和预测页现在使用 %1</translation>
    </message>
</context>
<context>
    <name>tlw::ui::FineTuneSweepDialog</name>
    <message>
        <source>“%1” is not a layer index: give layer numbers as the Model page counts them, separated by commas.</source>
        <translation>“%1”不是层序号：请按模型页的编号填写层序号，用逗号分隔。</translation>
    </message>
    <message>
        <source>Give at least one layer to fine-tune from.</source>
        <translation>请至少给出一个开始微调的层。</translation>
    </message>
    <message>
        <source>Candidate %1 of %2: fine-tuning from layer %3…</source>
        <translation>候选 %1/%2：从第 %3 层开始微调…</translation>
    </message>
    <message>
        <source>Which Layers to Fine-Tune?</source>
        <translation>微调哪些层？</translation>
    </message>
    <message>
        <source>Each candidate trains the same way: the head solved on the frozen %1, then fine-tuning from the given layer on, with the same epochs, learning rate and seed. The frozen layers are computed once for all candidates. The best validation accuracy wins (ties: the lower validation loss).</source>
        <translation>每个候选都以相同方式训练：先在冻结的 %1 上求解分类头，再从给定的层开始微调，轮数、学习率和随机种子都相同。冻结层只为所有候选计算一次。验证准确率最高者胜出（相同时取验证损失较低者）。</translation>
    </message>
    <message>
        <source>backbone</source>
        <translation>主干网络</translation>
    </message>
    <message>
        <source>Fine-tune from layers:</source>
        <translation>从这些层开始微调：</translation>
    </message>
    <message>
        <source>Layer indices as the Model page&apos;s layer table numbers them, separated by commas: from layer K on the network trains, the layers before it stay frozen.</source>
        <translation>按模型页层表中的编号填写层序号，用逗号分隔：从第 K 层起网络参与训练，之前的层保持冻结。</translation>
    </message>
    <message>
        <source>Fine-tuning epochs:</source>
        <translation>微调轮数：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Run Sweep</source>
        <translation>开始比较</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Use This Model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <source>Make the selected candidate&apos;s model (the best one when none is selected) the model the Evaluation and Predict pages use</source>
        <translation>让评估页和预测页使用所选候选的模型（未选择时使用最佳候选）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>tlw::ui::GalleryGradCam</name>
    <message>
        <source>Where the model looks for %1:</source>
        <translation>模型判断 %1 时关注的区域：</translation>
    </message>
    <message>
        <source>Show where the model looks</source>
        <translation>显示模型关注的区域</translation>
    </message>
    <message>
        <source>Colours each image by how much its regions made the model choose the class (Grad-CAM)</source>
        <translation>按各区域对模型选择该类别的贡献为每张图像着色（Grad-CAM）</translation>
    </message>
    <message>
        <source>for the predicted class</source>
        <translation>针对预测类别</translation>
    </message>
    <message>
        <source>for the true class</source>
        <translation>针对真实类别</translation>
    </message>
</context>
<context>
    <name>tlw::ui::GettingStartedDialog</name>
    <message>
        <source>Getting Started</source>
        <translation>入门指南</translation>
    </message>
    <message>
        <source>The Keras transfer-learning tutorial, as clicks. Each step says which line of the script it replaces; the Next button at the top right of every page leads on.</source>
        <translation>把 Keras 迁移学习教程变成点击操作。每一步都注明它替代脚本中的哪一行；每个页面右上角的“下一步”按钮会带你继续。</translation>
    </message>
    <message>
        <source>1. Open your images</source>
        <translation>1. 打开你的图像</translation>
    </message>
    <message>
        <source>2. Choose the pretrained base and freeze it</source>
        <translation>2. 选择预训练的基础模型并冻结它</translation>
    </message>
    <message>
        <source>3. Train the new head</source>
        <translation>3. 训练新的分类头</translation>
    </message>
    <message>
        <source>4. Fine-tune the top layers (optional)</source>
        <translation>4. 微调顶部的层（可选）</translation>
    </message>
    <message>
        <source>5. Evaluate on test images</source>
        <translation>5. 在测试图像上评估</translation>
    </message>
    <message>
        <source>6. Predict and save</source>
        <translation>6. 预测并保存</translation>
    </message>
    <message>
        <source>File &gt; Open Dataset Folder (Ctrl+O): one sub-folder per class, as &lt;code&gt;image_dataset_from_directory&lt;/code&gt; reads it, or Help &gt; Try with Demo Data. The page counts the images of each class, shows the training/validation split and flags broken or duplicate images.</source>
        <translation>文件 &gt; 打开数据集文件夹（Ctrl+O）：每个类别一个子文件夹，与 &lt;code&gt;image_dataset_from_directory&lt;/code&gt; 的读取方式相同；或者选择 帮助 &gt; 使用示例数据试一试。该页面会统计每个类别的图像数，显示训练集/验证集划分，并标出损坏或重复的图像。</translation>
    </message>
    <message>
        <source>Pick the backbone, e.g. VGG16 as in &lt;code&gt;VGG16(weights=&quot;imagenet&quot;, include_top=False)&lt;/code&gt;. The layer table is &lt;code&gt;base_model.summary()&lt;/code&gt;; Feature Extraction: Freeze All is &lt;code&gt;base_model.trainable = False&lt;/code&gt;.</source>
        <translation>选择骨干网络，例如与 &lt;code&gt;VGG16(weights=&quot;imagenet&quot;, include_top=False)&lt;/code&gt; 相同的 VGG16。层表格就是 &lt;code&gt;base_model.summary()&lt;/code&gt;；“特征提取：全部冻结”即 &lt;code&gt;base_model.trainable = False&lt;/code&gt;。</translation>
    </message>
    <message>
        <source>Set the epochs and the learning rate (Adam, as the tutorial) and press Start (F5): &lt;code&gt;model.fit&lt;/code&gt;, with live accuracy and loss curves. The frozen layers&apos; features are computed once and cached, so the epochs take seconds.</source>
        <translation>设置轮次和学习率（与教程一样使用 Adam），然后点击“开始”（F5）：即 &lt;code&gt;model.fit&lt;/code&gt;，并实时显示准确率和损失曲线。冻结层的特征只计算一次并缓存，所以每轮只需几秒。</translation>
    </message>
    <message>
        <source>Select a layer and use Train From Selected Layer On (&lt;code&gt;fine_tune_at&lt;/code&gt;), or the fine-tuning preset button, then train again with a lower learning rate. Or set a second phase in the training settings and both phases run in one go.</source>
        <translation>选中一层并使用“从所选层起训练”（&lt;code&gt;fine_tune_at&lt;/code&gt;），或使用微调预设按钮，然后用更低的学习率再训练一次。也可以在训练设置中设定第二阶段，两个阶段一次运行完成。</translation>
    </message>
    <message>
        <source>Evaluate (&lt;code&gt;model.evaluate&lt;/code&gt;) on the test split or a folder of your choice: accuracy, the confusion matrix, the misclassified images and how well the probabilities are calibrated.</source>
        <translation>在测试集或你选择的文件夹上评估（&lt;code&gt;model.evaluate&lt;/code&gt;）：准确率、混淆矩阵、分类错误的图像，以及概率的校准程度。</translation>
    </message>
    <message>
        <source>Drop images or a folder on the Predict page (&lt;code&gt;model.predict&lt;/code&gt;) and export the answers as CSV. File &gt; Save Model keeps the model; File &gt; Export writes it for other programs.</source>
        <translation>把图像或文件夹拖到“预测”页（&lt;code&gt;model.predict&lt;/code&gt;），并把结果导出为 CSV。文件 &gt; 保存模型 会保存模型；文件 &gt; 导出 会把它写成其他程序可用的格式。</translation>
    </message>
    <message>
        <source>Go to Dataset</source>
        <translation>前往数据集</translation>
    </message>
    <message>
        <source>Go to Model</source>
        <translation>前往模型</translation>
    </message>
    <message>
        <source>Go to Training</source>
        <translation>前往训练</translation>
    </message>
    <message>
        <source>Go to Evaluation</source>
        <translation>前往评估</translation>
    </message>
    <message>
        <source>Go to Predict</source>
        <translation>前往预测</translation>
    </message>
</context>
<context>
    <name>tlw::ui::ImageViewerDialog</name>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1（第 %2 张，共 %3 张）</translation>
    </message>
    <message>
        <source>%1 cannot be shown: %2</source>
        <translation>无法显示 %1：%2</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一张</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一张</translation>
    </message>
    <message>
        <source>Open in Image Viewer</source>
        <translation>用图像查看器打开</translation>
    </message>
    <message>
        <source>Show in File Manager</source>
        <translation>在文件管理器中显示</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>tlw::ui::LayerTableModel</name>
    <message>
        <source>Trainable: updated by training</source>
        <translation>可训练：训练时会更新</translation>
    </message>
    <message>
        <source>Frozen: keeps its pretrained weights</source>
        <translation>已冻结：保留预训练权重</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Output Shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Param #</source>
        <translation>参数数量</translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation>可训练</translation>
    </message>
    <message>
        <source>Unchecked layers are frozen (Keras: layer.trainable = False)</source>
        <translation>未勾选的层被冻结（Keras：&lt;code&gt;layer.trainable = False&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Total params: %1
Trainable params: %2
Non-trainable params: %3</source>
        <translation>参数总数：%1
可训练参数：%2
不可训练参数：%3</translation>
    </message>
    <message>
        <source>Trainable: its scale and offset (gamma, beta) are updated; its moving mean and variance stay ImageNet&apos;s unless BatchNorm statistics updates are on</source>
        <translation>可训练：训练时更新其缩放和偏移（gamma、beta）；除非开启了批归一化统计量更新，其滑动均值和方差保持 ImageNet 的值</translation>
    </message>
    <message>
        <source>Frozen: keeps its pretrained weights and normalizes with its moving mean and variance (inference mode)</source>
        <translation>已冻结：保留预训练权重，并用其滑动均值和方差做归一化（推理模式）</translation>
    </message>
    <message>
        <source>The new head always trains</source>
        <translation>新的分类头始终参与训练</translation>
    </message>
</context>
<context>
    <name>tlw::ui::LossChart</name>
    <message>
        <source>Training and Validation Loss</source>
        <translation>训练集与验证集损失</translation>
    </message>
    <message>
        <source>Cross Entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Training Loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Validation Loss</source>
        <translation>验证损失</translation>
    </message>
</context>
<context>
    <name>tlw::ui::MainWindow</name>
    <message>
        <source>The chart could not be exported.</source>
        <translation>无法导出图表。</translation>
    </message>
    <message>
        <source>Clear Recent</source>
        <translation>清除最近记录</translation>
    </message>
    <message>
        <source>The dataset folder no longer exists.</source>
        <translation>该数据集文件夹已不存在。</translation>
    </message>
    <message>
        <source>The project file no longer exists.</source>
        <translation>该项目文件已不存在。</translation>
    </message>
    <message>
        <source>Open Dataset Folder</source>
        <translation>打开数据集文件夹</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>TL Workbench projects (*.tlwproj);;All files (*)</source>
        <translation>TL Workbench 项目 (*.tlwproj);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>untitled.tlwproj</source>
        <translation>未命名.tlwproj</translation>
    </message>
    <message>
        <source>TL Workbench projects (*.tlwproj)</source>
        <translation>TL Workbench 项目 (*.tlwproj)</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Save Model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>Export TorchScript</source>
        <translation>导出 TorchScript</translation>
    </message>
    <message>
        <source>TorchScript modules (*.pt)</source>
        <translation>TorchScript 模块 (*.pt)</translation>
    </message>
    <message>
        <source>Locate Weights File</source>
        <translation>选择权重文件</translation>
    </message>
    <message>
        <source>Keras weights (*.h5);;All files (*)</source>
        <translation>Keras 权重 (*.h5);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Resume from Checkpoint</source>
        <translation>从检查点继续训练</translation>
    </message>
    <message>
        <source>Choose Test Folder</source>
        <translation>选择测试文件夹</translation>
    </message>
    <message>
        <source>Choose Images</source>
        <translation>选择图像</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff);;All files (*)</source>
        <translation>图像 (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Training Is Running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>Stop training and quit? The current batch finishes and a checkpoint is saved, so you can resume later.</source>
        <translation>停止训练并退出吗？当前批次会先完成，并保存检查点，以后可以继续训练。</translation>
    </message>
    <message>
        <source>TL Workbench</source>
        <translation>TL Workbench</translation>
    </message>
    <message>
        <source>%1 — TL Workbench</source>
        <translation>%1 — TL Workbench</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Open a folder of images and check it</source>
        <translation>打开图像文件夹并检查其内容</translation>
    </message>
    <message>
        <source>Choose the pretrained backbone and the layers to freeze</source>
        <translation>选择预训练主干网络和要冻结的层</translation>
    </message>
    <message>
        <source>Train with live accuracy and loss curves</source>
        <translation>训练，并实时查看准确率和损失曲线</translation>
    </message>
    <message>
        <source>Measure the model on test images</source>
        <translation>在测试图像上衡量模型</translation>
    </message>
    <message>
        <source>Classify new images</source>
        <translation>对新图像分类</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1（Ctrl+%2）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Dataset Folder…</source>
        <translation>打开数据集文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent &amp;Datasets</source>
        <translation>最近的数据集(&amp;D)</translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation>打开项目(&amp;P)…</translation>
    </message>
    <message>
        <source>Recent P&amp;rojects</source>
        <translation>最近的项目(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Save Mo&amp;del…</source>
        <translation>保存模型(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Export TorchScript…</source>
        <translation>导出 TorchScript(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Smoothed &amp;Per-Batch Curves</source>
        <translation>平滑的逐批次曲线(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top Training</source>
        <translation>停止训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>跟随系统语言(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About TL Workbench</source>
        <translation>关于 TL Workbench(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Ready. Drop a dataset folder anywhere on the window to open it.</source>
        <translation>就绪。把数据集文件夹拖到窗口任意位置即可打开。</translation>
    </message>
    <message>
        <source>Use Split Manifest</source>
        <translation>使用划分清单</translation>
    </message>
    <message>
        <source>Split manifests (*.json);;All files (*)</source>
        <translation>划分清单 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>split.json</source>
        <translation>划分.json</translation>
    </message>
    <message>
        <source>Save Split Manifest</source>
        <translation>保存划分清单</translation>
    </message>
    <message>
        <source>Split manifests (*.json)</source>
        <translation>划分清单 (*.json)</translation>
    </message>
    <message>
        <source>Try with &amp;Demo Data</source>
        <translation>使用示例数据试一试(&amp;D)</translation>
    </message>
    <message>
        <source>Generate a small seal-impression dataset and open it</source>
        <translation>生成一个小型印章印文数据集并打开它</translation>
    </message>
    <message>
        <source>TL Workbench models (*.tlwm);;All files (*)</source>
        <translation>TL Workbench 模型 (*.tlwm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>TL Workbench models (*.tlwm)</source>
        <translation>TL Workbench 模型 (*.tlwm)</translation>
    </message>
    <message>
        <source>Training checkpoints (*.checkpoint);;TL Workbench models (*.tlwm);;All files (*)</source>
        <translation>训练检查点 (*.checkpoint);;TL Workbench 模型 (*.tlwm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save Trained Model As</source>
        <translation>训练好的模型另存为</translation>
    </message>
    <message>
        <source>Export Predictions</source>
        <translation>导出预测结果</translation>
    </message>
    <message>
        <source>predictions.csv</source>
        <translation>预测结果.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Stopping training and saving a checkpoint before closing…</source>
        <translation>正在停止训练并保存检查点，随后关闭…</translation>
    </message>
    <message>
        <source>&amp;Resume from Checkpoint…</source>
        <translation>从检查点继续训练(&amp;R)…</translation>
    </message>
    <message>
        <source>Unsaved Project</source>
        <translation>项目未保存</translation>
    </message>
    <message>
        <source>Save the changes to the project before quitting?</source>
        <translation>退出前保存对项目的更改吗？</translation>
    </message>
    <message>
        <source>The dataset, model and training settings are also kept for the next start, but only a project file can be opened elsewhere or shared.</source>
        <translation>数据集、模型和训练设置也会保留到下次启动，但只有项目文件可以在别处打开或分享。</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>下一步：%1</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation>入门指南(&amp;G)</translation>
    </message>
    <message>
        <source>Export ONNX</source>
        <translation>导出 ONNX</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Export ONN&amp;X…</source>
        <translation>导出 ONNX(&amp;X)…</translation>
    </message>
    <message>
        <source>Write the model as an ONNX file for OpenCV, ONNX Runtime and other runtimes; it is checked against the workbench before it is kept</source>
        <translation>将模型写为 ONNX 文件，供 OpenCV、ONNX Runtime 等运行时使用；保留之前会先与工作台的结果核对</translation>
    </message>
</context>
<context>
    <name>tlw::ui::ModelController</name>
    <message>
        <source>The weights could not be looked for.</source>
        <translation>无法查找权重。</translation>
    </message>
    <message>
        <source>No pretrained weights on this computer: training would start from random weights (not pretrained).</source>
        <translation>这台计算机上没有预训练权重：训练将从随机权重开始（未预训练）。</translation>
    </message>
    <message>
        <source>Put the Keras .h5 weight files in ~/.keras/models/ or set TLW_WEIGHTS_DIR to their folder.</source>
        <translation>请把 Keras 的 .h5 权重文件放到 ~/.keras/models/，或把 TLW_WEIGHTS_DIR 设为它们所在的文件夹。</translation>
    </message>
    <message>
        <source>The layer list could not be built.</source>
        <translation>无法构建层列表。</translation>
    </message>
    <message>
        <source>Unknown backbone.</source>
        <translation>未知的主干网络。</translation>
    </message>
    <message>
        <source>The weights file chosen before is gone; looking in the usual places.</source>
        <translation>之前选择的权重文件已不存在，改为在常用位置查找。</translation>
    </message>
    <message>
        <source>The weights file found cannot be used.</source>
        <translation>找到的权重文件无法使用。</translation>
    </message>
    <message>
        <source>This file cannot be used as the model&apos;s weights.</source>
        <translation>该文件不能用作模型的权重。</translation>
    </message>
    <message>
        <source>The weights could not be downloaded.</source>
        <translation>无法下载权重。</translation>
    </message>
</context>
<context>
    <name>tlw::ui::ModelPage</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>A pretrained backbone for transfer learning: choose it, then decide which layers training may change.</source>
        <translation>用于迁移学习的预训练主干网络：先选择它，再决定训练时哪些层可以改变。</translation>
    </message>
    <message>
        <source>&amp;Backbone:</source>
        <translation>主干网络(&amp;B)：</translation>
    </message>
    <message>
        <source>The pretrained convolutional base (Keras: &lt;code&gt;tf.keras.applications&lt;/code&gt;)</source>
        <translation>预训练的卷积基（Keras：&lt;code&gt;tf.keras.applications&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Image size:</source>
        <translation>图像尺寸：</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Images are resized to this square size; output shapes in the table follow it (Keras: &lt;code&gt;input_shape&lt;/code&gt;)</source>
        <translation>图像会缩放到这个正方形尺寸，表格中的输出形状随之变化（Keras：&lt;code&gt;input_shape&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Head dropout:</source>
        <translation>分类头 Dropout：</translation>
    </message>
    <message>
        <source>Dropout before the new classifier layer (Keras: &lt;code&gt;Dropout(0.2)&lt;/code&gt;)</source>
        <translation>新分类层之前的 Dropout 比例（Keras：&lt;code&gt;Dropout(0.2)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>网络层</translation>
    </message>
    <message>
        <source>The layer list appears here once the backbone is built.</source>
        <translation>主干网络构建完成后，层列表会显示在这里。</translation>
    </message>
    <message>
        <source>Feature Extraction: Freeze All</source>
        <translation>特征提取：全部冻结</translation>
    </message>
    <message>
        <source>Trains only the new classifier head (Keras: &lt;code&gt;base_model.trainable = False&lt;/code&gt;)</source>
        <translation>只训练新的分类头（Keras：&lt;code&gt;base_model.trainable = False&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Unfreeze All</source>
        <translation>全部解冻</translation>
    </message>
    <message>
        <source>Include ImageNet top</source>
        <translation>包含 ImageNet 顶层分类器</translation>
    </message>
    <message>
        <source>Keep VGG16&apos;s ImageNet classifier (fully connected layers, 224 px only) and replace its last layer (Keras: &lt;code&gt;include_top=True&lt;/code&gt;)</source>
        <translation>保留 VGG16 的 ImageNet 分类器（全连接层，仅限 224 像素），并替换其最后一层（Keras：&lt;code&gt;include_top=True&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Not pretrained</source>
        <translation>未预训练</translation>
    </message>
    <message>
        <source>Training starts from random weights, not from ImageNet&apos;s</source>
        <translation>训练从随机权重开始，而不是从 ImageNet 权重开始</translation>
    </message>
    <message>
        <source>Normalize features</source>
        <translation>特征标准化</translation>
    </message>
    <message>
        <source>Standardize the pooled features before the new classifier layer, with statistics of the training images taken before the first epoch (Keras: &lt;code&gt;Normalization()&lt;/code&gt; and &lt;code&gt;adapt()&lt;/code&gt;). Usually more accurate and more stable; off gives exactly &lt;code&gt;GlobalAveragePooling2D&lt;/code&gt;, &lt;code&gt;Dropout&lt;/code&gt;, &lt;code&gt;Dense&lt;/code&gt; as in the Keras tutorial.</source>
        <translation>在新分类层之前对池化后的特征做标准化，统计量取自第一轮之前的训练集图像（Keras：&lt;code&gt;Normalization()&lt;/code&gt; 与 &lt;code&gt;adapt()&lt;/code&gt;）。通常准确率更高、训练更稳定；关闭后与 Keras 教程完全相同：&lt;code&gt;GlobalAveragePooling2D&lt;/code&gt;、&lt;code&gt;Dropout&lt;/code&gt;、&lt;code&gt;Dense&lt;/code&gt;。</translation>
    </message>
    <message>
        <source>Update BatchNorm statistics</source>
        <translation>更新批归一化统计量</translation>
    </message>
    <message>
        <source>Off (recommended): every &lt;code&gt;BatchNormalization&lt;/code&gt; layer keeps ImageNet&apos;s moving mean and variance, as Keras&apos;s transfer-learning guide calls the base with &lt;code&gt;training=False&lt;/code&gt;; trainable ones still learn their scale and offset. On: trainable &lt;code&gt;BatchNormalization&lt;/code&gt; layers normalize by each batch and update their statistics, which small batches of new images can ruin. Frozen layers never update.</source>
        <translation>关闭（推荐）：每个 &lt;code&gt;BatchNormalization&lt;/code&gt; 层都保留 ImageNet 的滑动均值和方差，与 Keras 迁移学习指南以 &lt;code&gt;training=False&lt;/code&gt; 调用基础模型的做法一致；可训练的层仍会学习其缩放和偏移。开启：可训练的 &lt;code&gt;BatchNormalization&lt;/code&gt; 层按每个批次做归一化并更新其统计量，而少量新图像组成的小批次可能会破坏这些统计量。冻结的层从不更新。</translation>
    </message>
    <message>
        <source>Train From Selected Layer On (fine_tune_at = %1)</source>
        <translation>从所选层起训练（fine_tune_at = %1）</translation>
    </message>
    <message>
        <source>Train From Selected Layer On</source>
        <translation>从所选层起训练</translation>
    </message>
    <message>
        <source>Train From This Layer On (fine_tune_at = %1)</source>
        <translation>从此层起训练（fine_tune_at = %1）</translation>
    </message>
    <message>
        <source>Freeze Up to and Including This Layer (fine_tune_at = %1)</source>
        <translation>冻结至此层（含此层）（fine_tune_at = %1）</translation>
    </message>
    <message>
        <source>Fine-Tuning Presets</source>
        <translation>微调预设</translation>
    </message>
    <message>
        <source>With the head:
counted once a dataset
is open</source>
        <translation>含分类头：
打开数据集后
再统计</translation>
    </message>
    <message>
        <source>With the head (%1 classes):</source>
        <translation>含分类头（%1 个类别）：</translation>
    </message>
    <message>
        <source>The selected layer and every layer after it train; the layers above it stay frozen (Keras: &lt;code&gt;for layer in base_model.layers[:fine_tune_at]: layer.trainable = False&lt;/code&gt;)</source>
        <translation>所选层及其后的每一层参与训练，其上方的层保持冻结（Keras：&lt;code&gt;for layer in base_model.layers[:fine_tune_at]: layer.trainable = False&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Frozen layers keep their random weights: without pretrained weights they learn nothing. &lt;a href=&quot;unfreeze&quot;&gt;Unfreeze all layers&lt;/a&gt;</source>
        <translation>冻结的层保留其随机权重：没有预训练权重时它们学不到任何东西。&lt;a href=&quot;unfreeze&quot;&gt;解冻所有层&lt;/a&gt;</translation>
    </message>
    <message>
        <source>New head, added after the base (always trained):</source>
        <translation>新的分类头，接在基础模型之后（始终参与训练）：</translation>
    </message>
    <message>
        <source>New head: listed once a dataset is open (its classes set the last layer).</source>
        <translation>新的分类头：打开数据集后列出（数据集的类别决定最后一层）。</translation>
    </message>
</context>
<context>
    <name>tlw::ui::PrecisionRecallChart</name>
    <message>
        <source>Precision-Recall Curve</source>
        <translation>精确率-召回率曲线</translation>
    </message>
    <message>
        <source>Precision-Recall: Average Precision %1</source>
        <translation>精确率-召回率：平均精确率 %1</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Share of positives</source>
        <translation>正类占比</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
</context>
<context>
    <name>tlw::ui::PredictPage</name>
    <message>
        <source>The clipboard holds no image and no image file.</source>
        <translation>剪贴板中没有图像，也没有图像文件。</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Classify new images with the trained model.</source>
        <translation>用训练好的模型对新图像分类。</translation>
    </message>
    <message>
        <source>Drop images or a folder here</source>
        <translation>把图像或文件夹拖到这里</translation>
    </message>
    <message>
        <source>Choose Images…</source>
        <translation>选择图像…</translation>
    </message>
    <message>
        <source>Paste Image</source>
        <translation>粘贴图像</translation>
    </message>
    <message>
        <source>Classify the image on the clipboard (Ctrl+V)</source>
        <translation>对剪贴板中的图像分类（Ctrl+V）</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) classified</source>
        <translation>
            <numerusform>已分类 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Images…</source>
        <translation>添加图像…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Model: %1, classes: %2 — %3</source>
        <translation>模型：%1，类别：%2 — %3</translation>
    </message>
    <message>
        <source>No trained model yet: train one on the Training page, or open a model file (File ▸ Open Model…).</source>
        <translation>还没有已训练的模型：请在“训练”页训练一个，或打开一个模型文件（文件 ▸ 打开模型…）。</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s) shown</source>
        <translation>
            <numerusform>显示 %n 张图像中的 %1 张</numerusform>
        </translation>
    </message>
    <message>
        <source>Every image&apos;s probability for every class, as a CSV file</source>
        <translation>每张图像属于每个类别的概率，保存为 CSV 文件</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Filter by file name or class</source>
        <translation>按文件名或类别筛选</translation>
    </message>
    <message>
        <source>Triage a Folder…</source>
        <translation>分拣文件夹…</translation>
    </message>
    <message>
        <source>Rank a folder&apos;s images by one class, or sort them into a folder per answer (copies or links; the originals stay where they are)</source>
        <translation>按某个类别的概率给文件夹中的图像排序，或按结论把它们分到各自的文件夹（复制或链接；原图保持不动）</translation>
    </message>
    <message>
        <source>Choose a Folder of Images</source>
        <translation>选择图像文件夹</translation>
    </message>
    <message>
        <source>Choose Images… or Paste Image gives each image a card with its most likely classes. Choose Folder… gives a table of the folder&apos;s images you can sort and export to CSV.</source>
        <translation>“选择图像…”或“粘贴图像”为每张图像生成一张卡片，列出最可能的类别。“选择文件夹…”把文件夹中的图像列成一个可排序、可导出为 CSV 的表格。</translation>
    </message>
    <message>
        <source>Choose Folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Classify every image in a folder and its sub-folders, as a table</source>
        <translation>对文件夹及其子文件夹中的每张图像分类，结果列成表格</translation>
    </message>
    <message>
        <source>Show where the model looks</source>
        <translation>显示模型关注的区域</translation>
    </message>
    <message>
        <source>Colours each thumbnail by how much its regions made the model choose its most likely class (Grad-CAM)</source>
        <translation>按各区域对模型选择最可能类别的贡献为每张缩略图着色（Grad-CAM）</translation>
    </message>
    <message>
        <source>Most likely class:</source>
        <translation>最可能的类别：</translation>
    </message>
    <message>
        <source>Closest of each class</source>
        <translation>每个类别中最相似的</translation>
    </message>
    <message>
        <source>&quot;Looks like&quot; shows the most similar training image of each class instead of the nearest ones overall</source>
        <translation>“看起来像”显示每个类别中最相似的训练图像，而不是整体上最相近的图像</translation>
    </message>
</context>
<context>
    <name>tlw::ui::PredictionCard</name>
    <message>
        <source>Image from the clipboard</source>
        <translation>来自剪贴板的图像</translation>
    </message>
    <message>
        <source>Answer: unknown (no class is sure enough)</source>
        <translation>结论：未知（没有一个类别足够确定）</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>结论：%1</translation>
    </message>
    <message>
        <source>Decided by the thresholds saved in the model</source>
        <translation>由模型中保存的阈值决定</translation>
    </message>
    <message>
        <source>The most likely class</source>
        <translation>最可能的类别</translation>
    </message>
    <message>
        <source>Where the model looks for %1 (red: most evidence)</source>
        <translation>模型判断 %1 时关注的区域（红色：证据最多）</translation>
    </message>
    <message>
        <source>Where the model looks cannot be shown: %1</source>
        <translation>无法显示模型关注的区域：%1</translation>
    </message>
</context>
<context>
    <name>tlw::ui::PredictionController</name>
    <message>
        <source>The images could not be classified.</source>
        <translation>无法对这些图像分类。</translation>
    </message>
    <message>
        <source>There is no trained model to classify with yet.</source>
        <translation>还没有可用于分类的已训练模型。</translation>
    </message>
    <message>
        <source>Train one on the Training page, or open a model file (File ▸ Open Model…).</source>
        <translation>请在“训练”页训练一个模型，或打开一个模型文件（文件 ▸ 打开模型…）。</translation>
    </message>
    <message>
        <source>No image files were found there.</source>
        <translation>那里没有找到图像文件。</translation>
    </message>
    <message>
        <source>There are no predictions to export yet.</source>
        <translation>还没有可导出的预测结果。</translation>
    </message>
    <message>
        <source>The predictions could not be exported.</source>
        <translation>无法导出预测结果。</translation>
    </message>
    <message numerus="yes">
        <source>%n prediction(s) exported.</source>
        <translation>
            <numerusform>已导出 %n 条预测结果。</numerusform>
        </translation>
    </message>
    <message>
        <source>Similar training images cannot be shown: %1</source>
        <translation>无法显示相似的训练图像：%1</translation>
    </message>
    <message>
        <source>The training images are no longer in %1 (moved or deleted), so similar ones cannot be shown.</source>
        <translation>训练图像已不在 %1 中（已被移动或删除），因此无法显示相似图像。</translation>
    </message>
</context>
<context>
    <name>tlw::ui::PredictionTableModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>结论</translation>
    </message>
</context>
<context>
    <name>tlw::ui::ProjectController</name>
    <message>
        <source>The project could not be saved.</source>
        <translation>无法保存项目。</translation>
    </message>
    <message>
        <source>Project saved to %1</source>
        <translation>项目已保存到 %1</translation>
    </message>
    <message>
        <source>The project could not be opened.</source>
        <translation>无法打开项目。</translation>
    </message>
    <message>
        <source>The project&apos;s dataset folder no longer exists.</source>
        <translation>项目的数据集文件夹已不存在。</translation>
    </message>
</context>
<context>
    <name>tlw::ui::ReliabilityChart</name>
    <message>
        <source>Reliability Diagram</source>
        <translation>可靠性图</translation>
    </message>
    <message>
        <source>Reliability: ECE %1 → %2 (temperature %3)</source>
        <translation>可靠性：期望校准误差 %1 → %2（温度 %3）</translation>
    </message>
    <message>
        <source>Reliability: ECE %1 (not calibrated)</source>
        <translation>可靠性：期望校准误差 %1（未校准）</translation>
    </message>
    <message>
        <source>Confidence (top class probability)</source>
        <translation>置信度（最高类别的概率）</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Images per bin</source>
        <translation>每个区间的图像数</translation>
    </message>
    <message>
        <source>Perfectly calibrated</source>
        <translation>完美校准</translation>
    </message>
    <message>
        <source>Calibrated</source>
        <translation>校准后</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Before calibration</source>
        <translation>校准前</translation>
    </message>
</context>
<context>
    <name>tlw::ui::RocChart</name>
    <message>
        <source>ROC Curve</source>
        <translation>受试者工作特征曲线</translation>
    </message>
    <message>
        <source>ROC Curve (needs images of both classes)</source>
        <translation>受试者工作特征曲线（需要两个类别的图像）</translation>
    </message>
    <message>
        <source>ROC Curve: AUC %1</source>
        <translation>受试者工作特征曲线：曲线下面积 %1</translation>
    </message>
    <message>
        <source>False positive rate</source>
        <translation>假正率</translation>
    </message>
    <message>
        <source>True positive rate (recall)</source>
        <translation>真正率（召回率）</translation>
    </message>
    <message>
        <source>Chance</source>
        <translation>随机猜测</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
</context>
<context>
    <name>tlw::ui::RunCurvesChart</name>
    <message>
        <source>Validation accuracy per epoch</source>
        <translation>每轮的验证准确率</translation>
    </message>
    <message>
        <source>Validation loss per epoch</source>
        <translation>每轮的验证损失</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
</context>
<context>
    <name>tlw::ui::RunNoticeText</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>all layers</source>
        <translation>所有层</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>the training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>the training accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>no validation images</source>
        <translation>没有验证图像</translation>
    </message>
    <message>
        <source>no readable validation images</source>
        <translation>没有可读的验证图像</translation>
    </message>
    <message>
        <source>the run was stopped before calibration</source>
        <translation>运行在校准前被停止</translation>
    </message>
    <message>
        <source>Validation folder</source>
        <translation>验证文件夹</translation>
    </message>
    <message>
        <source>Test folder</source>
        <translation>测试文件夹</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>%1: %2 images verified earlier, %3 decoded; scanned in %4 (scan memo %5)</source>
        <translation>%1：%2 张图像此前已验证，%3 张已解码；扫描用时 %4（扫描记录 %5）</translation>
    </message>
    <message>
        <source>%1: the scan memo could not be used and is written afresh (%2)</source>
        <translation>%1：扫描记录无法使用，已重新写入（%2）</translation>
    </message>
    <message>
        <source>%1: skipped %2: %3</source>
        <translation>%1：已跳过 %2：%3</translation>
    </message>
    <message numerus="yes">
        <source>%1: and %n more skipped file(s)</source>
        <translation>
            <numerusform>%1：另有 %n 个被跳过的文件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n group(s) of identical files</source>
        <translation>
            <numerusform>%1：%n 组完全相同的文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n across subsets (leakage)</source>
        <translation>
            <numerusform>，其中 %n 组跨越子集（数据泄漏）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n across classes</source>
        <translation>
            <numerusform>，%n 组跨越类别</numerusform>
        </translation>
    </message>
    <message>
        <source> (the Dataset page lists them)</source>
        <translation>（“数据集”页列出了它们）</translation>
    </message>
    <message>
        <source>Class weights (balanced): %1</source>
        <translation>类别权重（平衡）：%1</translation>
    </message>
    <message>
        <source>The dataset&apos;s own validation images are replaced by %1</source>
        <translation>数据集自带的验证图像被 %1 取代</translation>
    </message>
    <message>
        <source>ImageNet weights: %1 (downloaded)</source>
        <translation>ImageNet 权重：%1（已下载）</translation>
    </message>
    <message>
        <source>ImageNet weights: %1</source>
        <translation>ImageNet 权重：%1</translation>
    </message>
    <message>
        <source>Not pretrained: %1</source>
        <translation>未预训练：%1</translation>
    </message>
    <message>
        <source>No validation images: early stopping and learning-rate reduction watch the training figures instead</source>
        <translation>没有验证图像：早停和学习率衰减改为监视训练指标</translation>
    </message>
    <message>
        <source>Warning: the dataset&apos;s files differ from those the run started with</source>
        <translation>警告：数据集的文件与运行开始时不同</translation>
    </message>
    <message>
        <source>Resuming at epoch %1 from %2</source>
        <translation>从 %2 的第 %1 轮继续</translation>
    </message>
    <message>
        <source>Precision auto: fp32 (bf16 does not pay for %1)</source>
        <translation>精度自动：fp32（bf16 对 %1 不划算）</translation>
    </message>
    <message>
        <source>Precision auto: bf16 (this CPU has bf16 arithmetic)</source>
        <translation>精度自动：bf16（此 CPU 支持 bf16 运算）</translation>
    </message>
    <message>
        <source>Precision auto: fp32 (this CPU has no bf16 arithmetic)</source>
        <translation>精度自动：fp32（此 CPU 不支持 bf16 运算）</translation>
    </message>
    <message>
        <source>Frozen pass in %1, training in bf16 mixed precision (fp32 weights)</source>
        <translation>冻结层前向计算使用 %1，训练使用 bf16 混合精度（fp32 权重）</translation>
    </message>
    <message>
        <source>Frozen pass in %1, training in fp32</source>
        <translation>冻结层前向计算使用 %1，训练使用 fp32</translation>
    </message>
    <message>
        <source>Warning: LibTorch runs on the reference BLAS (%1): Dense layers and matrix products are about 14× slower than with an optimised one; install libopenblas0-pthread</source>
        <translation>警告：LibTorch 正在使用参考 BLAS（%1）：全连接层和矩阵乘法比使用优化版本慢约 14 倍；请安装 libopenblas0-pthread</translation>
    </message>
    <message>
        <source>%1 (global average pooled)</source>
        <translation>%1（全局平均池化后）</translation>
    </message>
    <message>
        <source> and </source>
        <translation> 和 </translation>
    </message>
    <message numerus="yes">
        <source>Computing the output of %1 once for %n image(s) (frozen-prefix cache in %2)</source>
        <translation>
            <numerusform>为 %n 张图像一次性计算 %1 的输出（冻结层特征缓存位于 %2）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s) of an older feature cache format in %1 (%2) are no longer read; delete them to free the space</source>
        <translation>
            <numerusform>%1 中有 %n 个旧格式的特征缓存文件夹（%2）不再被读取；删除它们即可释放空间</numerusform>
        </translation>
    </message>
    <message>
        <source>The feature cache in %1 was damaged; computing it afresh</source>
        <translation>%1 中的特征缓存已损坏；正在重新计算</translation>
    </message>
    <message>
        <source>The features of %1 exceed the RAM budget; reading them from %2</source>
        <translation>%1 的特征超出内存预算；改为从 %2 读取</translation>
    </message>
    <message>
        <source>The frozen-prefix cache cannot be written (%1); what this run wrote to it is removed, and training goes on without it: every epoch runs the frozen layers again</source>
        <translation>无法写入冻结层特征缓存（%1）；本次运行写入的内容已删除，训练在没有缓存的情况下继续：每一轮都会重新运行冻结层</translation>
    </message>
    <message>
        <source>Frozen prefix: %1 images from the cache, %2 computed in %3; features ready in %4</source>
        <translation>冻结层：%1 张图像取自缓存，%2 张在 %3 内计算完成；特征在 %4 后就绪</translation>
    </message>
    <message>
        <source>Frozen-prefix cache: %1 in RAM (budget %2)</source>
        <translation>冻结层特征缓存：内存中 %1（预算 %2）</translation>
    </message>
    <message>
        <source>Frozen-prefix cache: %1 in RAM</source>
        <translation>冻结层特征缓存：内存中 %1</translation>
    </message>
    <message>
        <source>, %1 read through a memory map</source>
        <translation>，%1 通过内存映射读取</translation>
    </message>
    <message>
        <source>, %1 on disk</source>
        <translation>，磁盘上 %1</translation>
    </message>
    <message>
        <source>bf16 training reads a bfloat16 channels-last copy of the cached features (%1 in RAM)</source>
        <translation>bf16 训练读取缓存特征的 bfloat16 通道在后副本（内存中 %1）</translation>
    </message>
    <message>
        <source>random augmentation changes the features every epoch, so the head is not one fixed problem</source>
        <translation>随机数据增强每一轮都会改变特征，因此分类头不是一个固定的问题</translation>
    </message>
    <message>
        <source>dropout makes the head&apos;s loss random, so it has no single optimum</source>
        <translation>Dropout 使分类头的损失带有随机性，因此没有唯一的最优解</translation>
    </message>
    <message>
        <source>backbone layers train in this phase, so the problem is not convex</source>
        <translation>本阶段基础模型的层也在训练，因此问题不是凸的</translation>
    </message>
    <message numerus="yes">
        <source>Adapting the head&apos;s Normalization to the pooled features of %n training image(s) (from the cache)</source>
        <translation>
            <numerusform>正在让分类头的 Normalization 层适配 %n 张训练图像的池化特征（取自缓存）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adapting the head&apos;s Normalization to the pooled features of %n training image(s)</source>
        <translation>
            <numerusform>正在让分类头的 Normalization 层适配 %n 张训练图像的池化特征</numerusform>
        </translation>
    </message>
    <message>
        <source>Head solver: Adam instead of exact, because %1</source>
        <translation>分类头求解器：改用 Adam 而非精确求解，因为%1</translation>
    </message>
    <message numerus="yes">
        <source>Solving the head exactly (L-BFGS; L2 strength by 5-fold cross-validation on %n training image(s))</source>
        <translation>
            <numerusform>正在精确求解分类头（L-BFGS；在 %n 张训练图像上用 5 折交叉验证选择 L2 正则强度）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  L2 %1: cross-validation accuracy %2, loss %3 (%n iteration(s))</source>
        <translation>
            <numerusform>  L2 %1：交叉验证准确率 %2，损失 %3（%n 次迭代）</numerusform>
        </translation>
    </message>
    <message>
        <source>  ← chosen</source>
        <translation>  ← 选定</translation>
    </message>
    <message>
        <source>L2 %1 (too few images to cross-validate)</source>
        <translation>L2 %1（图像太少，无法交叉验证）</translation>
    </message>
    <message>
        <source>L2 %1 chosen by %2-fold cross-validation on %3 of %4 images (accuracy %5, loss %6)</source>
        <translation>L2 %1，由 %2 折交叉验证在 %4 张图像中的 %3 张上选定（准确率 %5，损失 %6）</translation>
    </message>
    <message>
        <source>L2 %1 chosen by %2-fold cross-validation (accuracy %3, loss %4)</source>
        <translation>L2 %1，由 %2 折交叉验证选定（准确率 %3，损失 %4）</translation>
    </message>
    <message numerus="yes">
        <source>%n L-BFGS iteration(s), gradient %1 (tolerance %2), %3</source>
        <translation>
            <numerusform>L-BFGS 迭代 %n 次，梯度 %1（容差 %2），用时 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n L-BFGS iteration(s), gradient %1 (tolerance %2), NOT converged, %3</source>
        <translation>
            <numerusform>L-BFGS 迭代 %n 次，梯度 %1（容差 %2），未收敛，用时 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Exact head: %1; %2</source>
        <translation>精确分类头：%1；%2</translation>
    </message>
    <message>
        <source>Skipped %1: %2</source>
        <translation>已跳过 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Early stopping: %1 has not improved for %n epoch(s)</source>
        <translation>
            <numerusform>早停：%1 已连续 %n 轮没有改善</numerusform>
        </translation>
    </message>
    <message>
        <source>ReduceLROnPlateau: learning rate %1 → %2</source>
        <translation>ReduceLROnPlateau：学习率 %1 → %2</translation>
    </message>
    <message>
        <source>Restored the weights of epoch %1 (%2 %3)</source>
        <translation>已恢复第 %1 轮的权重（%2 %3）</translation>
    </message>
    <message>
        <source>Kept the weights of the last epoch, %1 (the best by %2 was epoch %3)</source>
        <translation>保留了最后一轮（第 %1 轮）的权重（按 %2 最好的是第 %3 轮）</translation>
    </message>
    <message>
        <source>Stopped; the checkpoint after epoch %1 is kept: Resume carries on from it</source>
        <translation>已停止；第 %1 轮之后的检查点已保留：“继续”会从那里接着训练</translation>
    </message>
    <message numerus="yes">
        <source>Calibration: temperature %1, fitted on %n validation image(s); expected calibration error %2 → %3, NLL %4 → %5</source>
        <translation>
            <numerusform>校准：温度 %1，在 %n 张验证图像上拟合；期望校准误差 %2 → %3，NLL %4 → %5</numerusform>
        </translation>
    </message>
    <message>
        <source>Calibration: none (%1); the probabilities stay uncalibrated</source>
        <translation>校准：无（%1）；概率保持未校准</translation>
    </message>
    <message>
        <source>Saved the model to %1</source>
        <translation>模型已保存到 %1</translation>
    </message>
    <message numerus="yes">
        <source>Test: loss %1, accuracy %2 on %n image(s)</source>
        <translation>
            <numerusform>测试：在 %n 张图像上损失 %1，准确率 %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::RunSwitcher</name>
    <message>
        <source>run finished %1</source>
        <translation>运行完成于 %1</translation>
    </message>
    <message>
        <source>run finished %1, val_accuracy %2</source>
        <translation>运行完成于 %1，val_accuracy %2</translation>
    </message>
    <message>
        <source>No recorded runs</source>
        <translation>没有已记录的运行</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Switch Run…</source>
        <translation>切换运行…</translation>
    </message>
    <message>
        <source>No trained model yet: train one on the Training page, or open a model file (File ▸ Open Model…).</source>
        <translation>还没有已训练的模型：请在“训练”页训练一个，或打开一个模型文件（文件 ▸ 打开模型…）。</translation>
    </message>
    <message>
        <source>Model: %1 (no run record beside it)</source>
        <translation>模型：%1（旁边没有运行记录）</translation>
    </message>
    <message>
        <source>Model: %1 — %2</source>
        <translation>模型：%1 — %2</translation>
    </message>
</context>
<context>
    <name>tlw::ui::RunTableModel</name>
    <message>
        <source>%1 (stopped)</source>
        <translation>%1（已停止）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>主干网络</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
</context>
<context>
    <name>tlw::ui::RunsPanel</name>
    <message>
        <source>Could not be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Open This Run&apos;s Model</source>
        <translation>打开此次运行的模型</translation>
    </message>
    <message>
        <source>Make the selected run&apos;s model the workbench&apos;s model (as File ▸ Open Model… does)</source>
        <translation>将所选运行的模型设为工作台的模型（与“文件 ▸ 打开模型…”相同）</translation>
    </message>
    <message>
        <source>Settings that differ: check two or more runs to compare them</source>
        <translation>不同的设置：勾选两个或更多运行以进行比较</translation>
    </message>
    <message>
        <source>Settings that differ: none, the checked runs were set up alike</source>
        <translation>不同的设置：无，所勾选的运行设置相同</translation>
    </message>
    <message>
        <source>Settings that differ</source>
        <translation>不同的设置</translation>
    </message>
</context>
<context>
    <name>tlw::ui::ScanNoticeText</name>
    <message>
        <source>No class folders found: a dataset needs one sub-folder per class inside train/ and val/.</source>
        <translation>未找到类别文件夹：数据集需要在 train/ 和 val/ 中为每个类别各建一个子文件夹。</translation>
    </message>
    <message>
        <source>No class folders found: a dataset needs one sub-folder per class.</source>
        <translation>未找到类别文件夹：数据集需要为每个类别各建一个子文件夹。</translation>
    </message>
    <message>
        <source>Only one class folder (“%1”): a classifier needs at least 2 classes.</source>
        <translation>只有一个类别文件夹（“%1”）：分类器至少需要 2 个类别。</translation>
    </message>
    <message>
        <source>The class “%1” has no usable images.</source>
        <translation>类别“%1”没有可用的图像。</translation>
    </message>
    <message numerus="yes">
        <source>The class “%1” has no usable images (%n file(s) skipped).</source>
        <translation>
            <numerusform>类别“%1”没有可用的图像（跳过了 %n 个文件）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The class “%1” has no training images.</source>
        <translation>类别“%1”没有训练图像。</translation>
    </message>
    <message>
        <source>The scan was cancelled.</source>
        <translation>扫描已取消。</translation>
    </message>
    <message>
        <source>The class “%1” has no validation images.</source>
        <translation>类别“%1”没有验证图像。</translation>
    </message>
    <message numerus="yes">
        <source>The class “%1” has only %n image(s): too few to learn from or to validate on reliably.</source>
        <translation>
            <numerusform>类别“%1”只有 %n 张图像：太少，无法可靠地学习或验证。</numerusform>
        </translation>
    </message>
    <message>
        <source>The classes are imbalanced: “%1” has %2 images, “%3” %4 (%5×); accuracy will flatter the large classes (consider class weights).</source>
        <translation>类别不均衡：“%1”有 %2 张图像，“%3”只有 %4 张（%5 倍）；准确率会偏向大类别（可考虑类别权重）。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped (listed with the reasons).</source>
        <translation>
            <numerusform>跳过了 %n 个文件（已列出原因）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Identical images carry different class labels (%n group(s)).</source>
        <translation>
            <numerusform>完全相同的图像带有不同的类别标签（%n 组）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Identical images span subsets (%n group(s)); leakage: validation or test images are also in training.</source>
        <translation>
            <numerusform>完全相同的图像跨越了子集（%n 组）；数据泄漏：验证或测试图像也出现在训练集中。</numerusform>
        </translation>
    </message>
    <message>
        <source>The validation split is ignored: the folder has fixed train/ and val/ folders.</source>
        <translation>验证集比例被忽略：该文件夹已有固定的 train/ 和 val/ 文件夹。</translation>
    </message>
    <message>
        <source>Both val/ and validation/ exist: val/ is used, validation/ is ignored.</source>
        <translation>val/ 和 validation/ 同时存在：使用 val/，忽略 validation/。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) not in the manifest, left out.</source>
        <translation>
            <numerusform>有 %n 张图像不在划分清单中，已排除。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) listed in the manifest are missing or unreadable.</source>
        <translation>
            <numerusform>划分清单中列出的 %n 个文件缺失或无法读取。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed since the manifest was written.</source>
        <translation>
            <numerusform>自写入划分清单以来有 %n 个文件发生了变化。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::ScanReportModel</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1
Double-click to show it in the file manager.</source>
        <translation>%1
双击可在文件管理器中显示该文件。</translation>
    </message>
    <message numerus="yes">
        <source>Cannot be trained on (%n reason(s))</source>
        <translation>
            <numerusform>不能用于训练（%n 个原因）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Warnings (%n)</source>
        <translation>
            <numerusform>警告（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped files (%n)</source>
        <translation>
            <numerusform>跳过的文件（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Identical files (%n group(s))</source>
        <translation>
            <numerusform>内容相同的文件（%n 组）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identical file(s) in one class (%1 each)</source>
        <translation>
            <numerusform>同一类别中 %n 个相同文件（每个 %1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identical file(s) with different class labels (%1 each)</source>
        <translation>
            <numerusform>%n 个相同文件带有不同的类别标签（每个 %1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Leakage: %n identical file(s) in training and in validation or test (%1 each)</source>
        <translation>
            <numerusform>数据泄漏：%n 个相同文件同时出现在训练集和验证集或测试集中（每个 %1）</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation accuracy is inflated: these images were also trained on.</source>
        <translation>验证集准确率被高估：这些图像也参与了训练。</translation>
    </message>
    <message numerus="yes">
        <source>Ignored (%n)</source>
        <translation>
            <numerusform>已忽略（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — not a class folder</source>
        <comment>a file beside the class folders</comment>
        <translation>%1 — 不是类别文件夹</translation>
    </message>
    <message>
        <source>%1 — not an image file (by its extension)</source>
        <translation>%1 — 不是图像文件（按扩展名判断）</translation>
    </message>
    <message numerus="yes">
        <source>%n hidden entry(s) (names starting with a dot)</source>
        <translation>
            <numerusform>%n 个隐藏项（名称以点开头）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Differences from the split manifest (%n)</source>
        <translation>
            <numerusform>与划分清单的差异（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — not in the manifest: left out</source>
        <translation>%1 — 不在清单中：未使用</translation>
    </message>
    <message>
        <source>%1 — in the manifest, but missing or unreadable</source>
        <translation>%1 — 在清单中，但已丢失或无法读取</translation>
    </message>
    <message>
        <source>%1 — changed since the manifest was written</source>
        <translation>%1 — 清单写入后内容已改变</translation>
    </message>
    <message>
        <source>No problems found: every image can be used.</source>
        <translation>未发现问题：所有图像都可以使用。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1
%2
Double-click to show it in the file manager.</source>
        <translation>%1
%2
双击可在文件管理器中显示。</translation>
    </message>
</context>
<context>
    <name>tlw::ui::SessionController</name>
    <message>
        <source>The session could not be kept for the next start: %1</source>
        <translation>无法为下次启动保留本次会话：%1</translation>
    </message>
    <message>
        <source>The last session could not be restored.</source>
        <translation>无法恢复上次的会话。</translation>
    </message>
</context>
<context>
    <name>tlw::ui::SimilarStrip</name>
    <message>
        <source>Training image of %1, similarity %2</source>
        <translation>%1 的训练图像，相似度 %2</translation>
    </message>
    <message>
        <source>Closest of each class:</source>
        <translation>每个类别中最相似的：</translation>
    </message>
    <message>
        <source>Looks like:</source>
        <translation>看起来像：</translation>
    </message>
    <message>
        <source>Looking for similar training images…</source>
        <translation>正在查找相似的训练图像…</translation>
    </message>
</context>
<context>
    <name>tlw::ui::SkipReasonText</name>
    <message>
        <source>truncated: the file ends too early (a partial copy or download?)</source>
        <translation>文件被截断：结尾过早（复制或下载不完整？）</translation>
    </message>
    <message>
        <source>truncated %1: the file ends too early (a partial copy or download?)</source>
        <translation>%1 文件被截断：结尾过早（复制或下载不完整？）</translation>
    </message>
    <message>
        <source>corrupt: the content does not follow its format</source>
        <translation>文件已损坏：内容不符合其格式</translation>
    </message>
    <message>
        <source>corrupt %1: the content does not follow the format</source>
        <translation>%1 文件已损坏：内容不符合该格式</translation>
    </message>
    <message>
        <source>a variant of %1 that cannot be read</source>
        <translation>无法读取的 %1 变体</translation>
    </message>
    <message>
        <source>the format</source>
        <translation>该格式</translation>
    </message>
    <message>
        <source>a link that cannot be followed</source>
        <translation>无法跟随的链接</translation>
    </message>
    <message>
        <source>a folder that cannot be opened</source>
        <translation>无法打开的文件夹</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>not an image: a text file</source>
        <translation>不是图像：文本文件</translation>
    </message>
    <message>
        <source>not an image: a ZIP archive</source>
        <translation>不是图像：ZIP 压缩包</translation>
    </message>
    <message>
        <source>not an image: a PDF document</source>
        <translation>不是图像：PDF 文档</translation>
    </message>
    <message>
        <source>not an image: a web page (a failed download?)</source>
        <translation>不是图像：网页（下载失败？）</translation>
    </message>
    <message>
        <source>not an image: a video</source>
        <translation>不是图像：视频</translation>
    </message>
    <message>
        <source>not an image: an unknown format</source>
        <translation>不是图像：未知格式</translation>
    </message>
</context>
<context>
    <name>tlw::ui::SweepCurvesChart</name>
    <message>
        <source>Validation accuracy per epoch</source>
        <translation>每轮的验证准确率</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>from layer %1</source>
        <translation>从第 %1 层</translation>
    </message>
</context>
<context>
    <name>tlw::ui::SweepTableModel</name>
    <message>
        <source>Stopped before its last epoch</source>
        <translation>在最后一轮之前停止</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Fine-tune from</source>
        <translation>微调起始层</translation>
    </message>
    <message>
        <source>First trained layer</source>
        <translation>第一个训练层</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Kept epoch</source>
        <translation>保留的轮次</translation>
    </message>
    <message>
        <source>Trainable parameters</source>
        <translation>可训练参数</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
</context>
<context>
    <name>tlw::ui::ThumbnailListModel</name>
    <message>
        <source>%1
Cannot be read: %2</source>
        <translation>%1
无法读取：%2</translation>
    </message>
</context>
<context>
    <name>tlw::ui::TrainedModelController</name>
    <message>
        <source>The model could not be opened.</source>
        <translation>无法打开该模型。</translation>
    </message>
    <message>
        <source>The model could not be saved.</source>
        <translation>无法保存该模型。</translation>
    </message>
    <message>
        <source>The model could not be exported to TorchScript.</source>
        <translation>无法将该模型导出为 TorchScript。</translation>
    </message>
    <message>
        <source>Model opened: %1</source>
        <translation>已打开模型：%1</translation>
    </message>
    <message>
        <source>There is no trained model to save yet.</source>
        <translation>还没有可保存的已训练模型。</translation>
    </message>
    <message>
        <source>Model saved to %1</source>
        <translation>模型已保存到 %1</translation>
    </message>
    <message>
        <source>There is no trained model to export yet.</source>
        <translation>还没有可导出的已训练模型。</translation>
    </message>
    <message>
        <source>Decision threshold saved in %1</source>
        <translation>决策阈值已保存到 %1</translation>
    </message>
    <message>
        <source>The model could not be exported to ONNX.</source>
        <translation>无法将该模型导出为 ONNX。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) from %1</source>
        <translation>
            <numerusform>来自 %1 的 %n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test image(s) of %1</source>
        <translation>
            <numerusform>%1 中的 %n 张测试图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n validation image(s) of %1</source>
        <translation>
            <numerusform>%1 中的 %n 张验证图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of the dataset %1, training images included</source>
        <translation>
            <numerusform>数据集 %1 中的 %n 张图像（含训练图像）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n generated image(s)</source>
        <translation>
            <numerusform>%n 张生成的图像</numerusform>
        </translation>
    </message>
    <message>
        <source>checked with %1 on %2: %3 of %4 labels agree, largest difference %5</source>
        <translation>已用 %1 在 %2 上核对：%4 个标签中有 %3 个一致，最大差异 %5</translation>
    </message>
    <message>
        <source>TorchScript module written to %1, %2</source>
        <translation>TorchScript 模块已写入 %1，%2</translation>
    </message>
    <message>
        <source>ONNX model written to %1, %2</source>
        <translation>ONNX 模型已写入 %1，%2</translation>
    </message>
    <message>
        <source>Class thresholds saved in %1</source>
        <translation>各类别阈值已保存到 %1</translation>
    </message>
</context>
<context>
    <name>tlw::ui::TrainingController</name>
    <message>
        <source>The dataset is still being checked; start again when it is done.</source>
        <translation>数据集仍在检查中；检查完成后请再开始。</translation>
    </message>
    <message>
        <source>Open a dataset folder first (Dataset page).</source>
        <translation>请先打开一个数据集文件夹（“数据集”页）。</translation>
    </message>
    <message>
        <source>The dataset cannot be trained on.</source>
        <translation>该数据集无法用于训练。</translation>
    </message>
    <message>
        <source>The Dataset page&apos;s report says why: %1</source>
        <translation>“数据集”页的报告说明了原因：%1</translation>
    </message>
    <message>
        <source>The pretrained weights are missing.</source>
        <translation>缺少预训练权重。</translation>
    </message>
    <message>
        <source>On the Model page: choose the file, download it, or continue without pretrained weights.</source>
        <translation>请在“模型”页选择权重文件、下载它，或者不使用预训练权重继续。</translation>
    </message>
    <message>
        <source>The weights are still being looked for or downloaded; start again when the Model page shows them.</source>
        <translation>仍在查找或下载权重；等“模型”页显示权重后请再开始。</translation>
    </message>
    <message>
        <source>Training cannot start with these settings.</source>
        <translation>使用这些设置无法开始训练。</translation>
    </message>
    <message>
        <source>The model folder cannot be created.</source>
        <translation>无法创建模型文件夹。</translation>
    </message>
    <message>
        <source>Model file: %1</source>
        <translation>模型文件：%1</translation>
    </message>
    <message>
        <source>Resuming from %1</source>
        <translation>从 %1 继续训练</translation>
    </message>
    <message numerus="yes">
        <source>%n class(es): %1</source>
        <translation>
            <numerusform>%n 个类别：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Images: %1 for training, %2 for validation, %3 for testing</source>
        <translation>图像：训练集 %1 张，验证集 %2 张，测试集 %3 张</translation>
    </message>
    <message>
        <source>Loss: %1</source>
        <translation>损失函数：%1</translation>
    </message>
    <message>
        <source>Not pretrained: the backbone starts from random weights, so expect far lower accuracy than with ImageNet weights.</source>
        <translation>未预训练：主干网络从随机权重开始，准确率会远低于使用 ImageNet 权重时。</translation>
    </message>
    <message>
        <source>The earlier epochs cannot be shown: %1</source>
        <translation>无法显示之前的轮次：%1</translation>
    </message>
    <message>
        <source>Carrying on at epoch %1</source>
        <translation>从第 %1 轮继续</translation>
    </message>
    <message>
        <source>Phase %1: epochs %2–%3, learning rate %4, frozen: %5, trainable params: %6 of %7</source>
        <translation>第 %1 阶段：轮次 %2–%3，学习率 %4，冻结：%5，可训练参数：%6 / %7</translation>
    </message>
    <message>
        <source>Epoch %1/%2 - %3 s - %4</source>
        <translation>轮次 %1/%2 - %3 秒 - %4</translation>
    </message>
    <message>
        <source>Best epoch: %1 (%2)</source>
        <translation>最佳轮次：%1（%2）</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation>训练失败。</translation>
    </message>
    <message>
        <source>Training stopped before the first epoch ended; nothing was saved.</source>
        <translation>训练在第一轮结束前就停止了；没有保存任何内容。</translation>
    </message>
    <message>
        <source>Training stopped. The best epoch so far is saved as %1.</source>
        <translation>训练已停止。目前最佳轮次的模型已保存为 %1。</translation>
    </message>
    <message>
        <source>Training finished. The model is saved as %1.</source>
        <translation>训练完成。模型已保存为 %1。</translation>
    </message>
    <message>
        <source>Kept epoch: %1, the last (%2)</source>
        <translation>保留的轮次：%1，即最后一轮（%2）</translation>
    </message>
    <message>
        <source>Training stopped. The last whole epoch is saved as %1.</source>
        <translation>训练已停止。最后一个完整轮次的模型已保存为 %1。</translation>
    </message>
    <message>
        <source>Clear the Predictions?</source>
        <translation>清除预测结果？</translation>
    </message>
    <message numerus="yes">
        <source>The Predict page shows %n prediction(s) of the current model.</source>
        <translation>
            <numerusform>预测页面显示了当前模型的 %n 条预测结果。</numerusform>
        </translation>
    </message>
    <message>
        <source>When the new run has saved its model, the Predict page uses it and clears them. Export them to CSV first if you want to keep them.</source>
        <translation>新一轮训练保存模型后，预测页面将改用新模型并清除这些结果。如需保留，请先导出为 CSV。</translation>
    </message>
    <message>
        <source>Train and Clear Them</source>
        <translation>训练并清除</translation>
    </message>
</context>
<context>
    <name>tlw::ui::TrainingPage</name>
    <message>
        <source>Training cannot start with these settings.</source>
        <translation>使用这些设置无法开始训练。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Not started. Set the hyper-parameters and press Start.</source>
        <translation>尚未开始。请设置超参数，然后点击“开始”。</translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation>正在估算…</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train the new classifier head, and fine-tune the unfrozen layers, on a background thread. The window stays responsive.</source>
        <translation>在后台线程中训练新的分类头，并微调未冻结的层。训练期间窗口保持响应。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start training (F5)</source>
        <translation>开始训练（F5）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current batch and keep a checkpoint (Esc)</source>
        <translation>在当前批次结束后停止，并保存检查点（Esc）</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Stopping after the current batch, then saving a checkpoint…</source>
        <translation>当前批次结束后停止，然后保存检查点…</translation>
    </message>
    <message>
        <source>%1 left in phase %2</source>
        <translation>第 %2 阶段剩余 %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>Preparing: %1/%2 images read…</source>
        <translation>准备中：已读取 %1/%2 张图像…</translation>
    </message>
    <message>
        <source>Preparing: reading the images and loading the weights…</source>
        <translation>准备中：正在读取图像并加载权重…</translation>
    </message>
    <message>
        <source>Caching the frozen layers&apos; features · %1/%2 images · %3 images/s · %4</source>
        <translation>正在缓存冻结层的特征 · %1/%2 张图像 · 每秒 %3 张 · %4</translation>
    </message>
    <message>
        <source>Epoch %1/%2 · training batch %3/%4 · %5 images/s · %6</source>
        <translation>轮次 %1/%2 · 训练批次 %3/%4 · 每秒 %5 张图像 · %6</translation>
    </message>
    <message>
        <source>Epoch %1/%2 · validating batch %3/%4 · %5</source>
        <translation>轮次 %1/%2 · 验证批次 %3/%4 · %5</translation>
    </message>
    <message>
        <source>Testing the model · %1/%2 images</source>
        <translation>正在测试模型 · %1/%2 张图像</translation>
    </message>
    <message>
        <source>Saving the model…</source>
        <translation>正在保存模型…</translation>
    </message>
    <message>
        <source>Frozen-prefix cache in use: the features up to %1 are computed once, only the trainable layers run each epoch.</source>
        <translation>已启用冻结层特征缓存：截至 %1 的特征只计算一次，每轮只运行可训练的层。</translation>
    </message>
    <message>
        <source>Frozen-prefix cache not used: %1.</source>
        <translation>未使用冻结层特征缓存：%1。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Carry on a stopped run from its checkpoint, continuing its history</source>
        <translation>从检查点继续一次已停止的训练，并接续其训练历史</translation>
    </message>
    <message>
        <source>Resume Last Run</source>
        <translation>继续上一次训练</translation>
    </message>
    <message>
        <source>Choose Checkpoint…</source>
        <translation>选择检查点…</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n epoch(s) in %1.</source>
        <translation>
            <numerusform>已完成：%n 轮，用时 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n epoch(s); Resume carries on from the checkpoint.</source>
        <translation>
            <numerusform>已在 %n 轮后停止；点击“继续训练”可从检查点接着训练。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failed after %n epoch(s): the message above says why.</source>
        <translation>
            <numerusform>在 %n 轮后失败：原因见上方的提示。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped at %p%</source>
        <translation>已停止于 %p%</translation>
    </message>
    <message>
        <source>Failed at %p%</source>
        <translation>失败于 %p%</translation>
    </message>
    <message>
        <source>The model holds the weights of epoch %1, the best by %2.</source>
        <translation>模型保留第 %1 轮的权重，即按 %2 最佳的一轮。</translation>
    </message>
    <message>
        <source>The model holds the weights of the last epoch, %1; the best by %2 was epoch %3.</source>
        <translation>模型保留最后一轮（第 %1 轮）的权重；按 %2 最佳的是第 %3 轮。</translation>
    </message>
    <message>
        <source>Fine-tuning did not improve on phase 1&apos;s best %1.</source>
        <translation>微调没有超过阶段 1 的最佳 %1。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>one sentence after another</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>it is turned off in the settings</source>
        <translation>已在设置中关闭</translation>
    </message>
    <message>
        <source>no layers are frozen at the start of the network</source>
        <translation>网络开头没有冻结的层</translation>
    </message>
    <message>
        <source>random augmentation changes the training images every epoch (the validation images are cached)</source>
        <translation>随机数据增强每轮都会改变训练图像（验证集图像已缓存）</translation>
    </message>
    <message>
        <source>Which Layers to Fine-Tune?…</source>
        <translation>微调哪些层？…</translation>
    </message>
    <message>
        <source>Compare fine-tuning from several layers on this data and keep the best</source>
        <translation>在这份数据上比较从不同层开始的微调，并保留最佳者</translation>
    </message>
    <message>
        <source>This Run</source>
        <translation>本次运行</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Frozen-prefix cache: checking which layers&apos; features can be computed once…</source>
        <translation>冻结层特征缓存：正在检查哪些层的特征可以只计算一次…</translation>
    </message>
</context>
<context>
    <name>tlw::ui::TrainingSettingsForm</name>
    <message>
        <source>The fine-tuning learning rate should be lower than the first phase&apos;s (the tutorial uses a tenth): a high rate destroys the pretrained features.</source>
        <translation>微调阶段的学习率应低于第一阶段（教程中用十分之一）：学习率过高会破坏预训练得到的特征。</translation>
    </message>
    <message numerus="yes">
        <source>Fine-tuning from layer %1 unfreezes nothing: the base has %n layer(s).</source>
        <translation>
            <numerusform>从第 %1 层开始微调不会解冻任何层：主干网络只有 %n 层。</numerusform>
        </translation>
    </message>
    <message>
        <source>From %1 on, the layers are trained; the ones before it stay frozen.</source>
        <translation>从 %1 开始的层参与训练；它之前的层保持冻结。</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>轮次：</translation>
    </message>
    <message>
        <source>Passes over the training set; with two phases, those of the first (Keras: &lt;code&gt;model.fit(epochs=…)&lt;/code&gt;)</source>
        <translation>遍历训练集的次数；分两阶段时指第一阶段的轮次（Keras：&lt;code&gt;model.fit(epochs=…)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Images per gradient step; lower it if memory runs out (Keras: &lt;code&gt;batch_size=32&lt;/code&gt;)</source>
        <translation>每次梯度更新使用的图像数；内存不足时请调小（Keras：&lt;code&gt;batch_size=32&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Step size of the optimizer; the seed uses 0.001 (Keras: &lt;code&gt;Adam(learning_rate=0.001)&lt;/code&gt;)</source>
        <translation>优化器的步长；原始脚本使用 0.001（Keras：&lt;code&gt;Adam(learning_rate=0.001)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <source>Adam with Keras&apos;s defaults, or stochastic gradient descent with momentum (Keras: &lt;code&gt;Adam(beta_1=0.9, beta_2=0.999, epsilon=1e-07)&lt;/code&gt;, &lt;code&gt;SGD(momentum=…)&lt;/code&gt;)</source>
        <translation>使用 Keras 默认参数的 Adam，或带动量的随机梯度下降（Keras：&lt;code&gt;Adam(beta_1=0.9, beta_2=0.999, epsilon=1e-07)&lt;/code&gt;、&lt;code&gt;SGD(momentum=…)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Momentum:</source>
        <translation>动量：</translation>
    </message>
    <message>
        <source>SGD only: how much of the last step carries into the next (Keras: &lt;code&gt;SGD(momentum=0.9)&lt;/code&gt;)</source>
        <translation>仅用于 SGD：上一步的更新有多少延续到下一步（Keras：&lt;code&gt;SGD(momentum=0.9)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Class weights:</source>
        <translation>类别权重：</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>平衡</translation>
    </message>
    <message>
        <source>Balanced weighs each class&apos;s loss by images / (classes × class images), so a small class counts as much as a large one (Keras: &lt;code&gt;model.fit(class_weight=…)&lt;/code&gt;, scikit-learn&apos;s &lt;code&gt;compute_class_weight(&quot;balanced&quot;)&lt;/code&gt;)</source>
        <translation>“平衡”按 图像总数 / (类别数 × 该类图像数) 给每个类别的损失加权，使小类别与大类别同样重要（Keras：&lt;code&gt;model.fit(class_weight=…)&lt;/code&gt;，scikit-learn 的 &lt;code&gt;compute_class_weight(&quot;balanced&quot;)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回调</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <source>Monitor:</source>
        <translation>监控指标：</translation>
    </message>
    <message>
        <source>Patience (epochs):</source>
        <translation>耐心轮数：</translation>
    </message>
    <message>
        <source>Epochs without improvement before stopping (Keras: &lt;code&gt;EarlyStopping(patience=…)&lt;/code&gt;)</source>
        <translation>停止前允许没有改善的轮次数（Keras：&lt;code&gt;EarlyStopping(patience=…)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Minimum change:</source>
        <translation>最小变化量：</translation>
    </message>
    <message>
        <source>A smaller change does not count as an improvement (Keras: &lt;code&gt;EarlyStopping(min_delta=…)&lt;/code&gt;)</source>
        <translation>小于该值的变化不算作改善（Keras：&lt;code&gt;EarlyStopping(min_delta=…)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Reduce learning rate on plateau</source>
        <translation>指标停滞时降低学习率</translation>
    </message>
    <message>
        <source>Divides the learning rate by 10 after 10 epochs without improvement (Keras: &lt;code&gt;ReduceLROnPlateau(factor=0.1, patience=10)&lt;/code&gt;)</source>
        <translation>连续 10 轮没有改善时把学习率降为原来的十分之一（Keras：&lt;code&gt;ReduceLROnPlateau(factor=0.1, patience=10)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Data augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Random horizontal flip</source>
        <translation>随机水平翻转</translation>
    </message>
    <message>
        <source>Mirrors training images at random (Keras: &lt;code&gt;RandomFlip(&quot;horizontal&quot;)&lt;/code&gt;)</source>
        <translation>随机镜像翻转训练图像（Keras：&lt;code&gt;RandomFlip(&quot;horizontal&quot;)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Rotation:</source>
        <translation>旋转：</translation>
    </message>
    <message>
        <source>Rotates by up to this fraction of a full turn; the tutorial uses 0.2 (Keras: &lt;code&gt;RandomRotation(0.2)&lt;/code&gt;)</source>
        <translation>最多旋转一整圈的这个比例；教程中为 0.2（Keras：&lt;code&gt;RandomRotation(0.2)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <source>Zooms in or out by up to this fraction of the size (Keras: &lt;code&gt;RandomZoom(0.1)&lt;/code&gt;)</source>
        <translation>最多按尺寸的这个比例放大或缩小（Keras：&lt;code&gt;RandomZoom(0.1)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Translation:</source>
        <translation>平移：</translation>
    </message>
    <message>
        <source>Shifts by up to this fraction of the width and height (Keras: &lt;code&gt;RandomTranslation(0.1, 0.1)&lt;/code&gt;)</source>
        <translation>最多按宽度和高度的这个比例平移（Keras：&lt;code&gt;RandomTranslation(0.1, 0.1)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Contrast:</source>
        <translation>对比度：</translation>
    </message>
    <message>
        <source>Changes the contrast by up to this factor (Keras: &lt;code&gt;RandomContrast(0.2)&lt;/code&gt;)</source>
        <translation>最多按这个系数改变对比度（Keras：&lt;code&gt;RandomContrast(0.2)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Augmented images differ every epoch, so the frozen layers run every epoch too: no feature cache while training with augmentation.</source>
        <translation>增强后的图像每轮都不同，因此冻结层每轮也要重新计算：使用数据增强时不能使用特征缓存。</translation>
    </message>
    <message>
        <source>Two-phase fine-tuning</source>
        <translation>两阶段微调</translation>
    </message>
    <message>
        <source>Then fine-tune</source>
        <translation>随后进行微调</translation>
    </message>
    <message>
        <source>After the epochs above, unfreeze the layers from the one below on and train on with a lower learning rate, in the same run and history, as in the tutorial</source>
        <translation>上述轮次结束后，从下面指定的层开始解冻，并以更低的学习率继续训练；与教程相同，两阶段属于同一次训练和同一份训练历史</translation>
    </message>
    <message>
        <source>Fine-tune from layer:</source>
        <translation>从该层开始微调：</translation>
    </message>
    <message>
        <source>Layers before this index stay frozen (Keras: &lt;code&gt;for layer in base_model.layers[:fine_tune_at]: layer.trainable = False&lt;/code&gt;)</source>
        <translation>该序号之前的层保持冻结（Keras：&lt;code&gt;for layer in base_model.layers[:fine_tune_at]: layer.trainable = False&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Fine-tuning epochs:</source>
        <translation>微调轮次：</translation>
    </message>
    <message>
        <source>Epochs of the second phase (Keras: &lt;code&gt;fine_tune_epochs&lt;/code&gt;, &lt;code&gt;model.fit(initial_epoch=history.epoch[-1])&lt;/code&gt;)</source>
        <translation>第二阶段的轮次（Keras：&lt;code&gt;fine_tune_epochs&lt;/code&gt;、&lt;code&gt;model.fit(initial_epoch=history.epoch[-1])&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Fine-tuning learning rate:</source>
        <translation>微调学习率：</translation>
    </message>
    <message>
        <source>Usually a tenth of the first rate (Keras: &lt;code&gt;base_learning_rate/10&lt;/code&gt;)</source>
        <translation>通常为第一阶段学习率的十分之一（Keras：&lt;code&gt;base_learning_rate/10&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>性能</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>CPU 线程数：</translation>
    </message>
    <message>
        <source>All cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <source>Threads used by the math library; 0 uses every core (PyTorch: &lt;code&gt;torch.set_num_threads()&lt;/code&gt;)</source>
        <translation>数学库使用的线程数；0 表示使用全部核心（PyTorch：&lt;code&gt;torch.set_num_threads()&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Cache the frozen layers&apos; features</source>
        <translation>缓存冻结层的特征</translation>
    </message>
    <message>
        <source>Computes the frozen layers&apos; output once per image and trains only the layers after them each epoch: the same results as Keras, which recomputes the frozen base every epoch, many times faster</source>
        <translation>每张图像只计算一次冻结层的输出，每轮只训练其后的层：结果与每轮都重新计算冻结主干网络的 Keras 相同，但快很多倍</translation>
    </message>
    <message>
        <source>Precision of the frozen layers:</source>
        <translation>冻结层的计算精度：</translation>
    </message>
    <message>
        <source>Trained model</source>
        <translation>训练得到的模型</translation>
    </message>
    <message>
        <source>Each run saves a new model file in %1</source>
        <translation>每次训练都会在 %1 中保存一个新的模型文件</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>保存为 %1</translation>
    </message>
    <message>
        <source>A checkpoint and the history (CSV and JSON) are written beside the model</source>
        <translation>检查点和训练历史（CSV 和 JSON）会写在模型文件旁边</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>New File per Run</source>
        <translation>每次训练新建文件</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Automatic: bfloat16 where the CPU has AVX-512 BF16 or AMX, float32 elsewhere. bfloat16 speeds up the cached pass on such CPUs, with features within 1% (Keras: &lt;code&gt;mixed_precision.set_global_policy(&quot;mixed_bfloat16&quot;)&lt;/code&gt;)</source>
        <translation>自动：CPU 支持 AVX-512 BF16 或 AMX 时用 bfloat16，否则用 float32。在这类 CPU 上，bfloat16 可加快缓存计算，特征误差在 1% 以内（Keras：&lt;code&gt;mixed_precision.set_global_policy(&quot;mixed_bfloat16&quot;)&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Head solver:</source>
        <translation>分类头求解：</translation>
    </message>
    <message>
        <source>Exact (L-BFGS, cross-validated)</source>
        <translation>精确（L-BFGS，交叉验证）</translation>
    </message>
    <message>
        <source>Adam (the tutorial&apos;s recipe)</source>
        <translation>Adam（教程的做法）</translation>
    </message>
    <message>
        <source>How the head is trained while the backbone is frozen. Exact solves it to its optimum (L-BFGS, L2 strength chosen by 5-fold cross-validation) in one step; Adam trains it for the epochs below, as the tutorial does. With augmentation or dropout Adam is used.</source>
        <translation>骨干网络冻结时分类头如何训练。精确：一步求得最优解（L-BFGS，L2 正则强度由 5 折交叉验证选定）；Adam：按下面的轮数训练，与教程相同。启用数据增强或 Dropout 时使用 Adam。</translation>
    </message>
    <message numerus="yes">
        <source>No phase has more than %n epoch(s), so early stopping never fires; the run goes to its last epoch (Keras allows this too).</source>
        <translation>
            <numerusform>没有哪个阶段超过 %n 轮，因此早停永远不会触发；训练会运行到最后一轮（Keras 也允许这样设置）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The best epoch by %1</source>
        <translation>按 %1 最佳的一轮</translation>
    </message>
    <message>
        <source>Stops a phase when the monitored value has not improved for the patience&apos;s epochs (Keras: &lt;code&gt;EarlyStopping&lt;/code&gt;); which epoch&apos;s weights are kept is chosen below</source>
        <translation>监控指标在耐心轮数内没有改善时结束当前阶段（Keras：&lt;code&gt;EarlyStopping&lt;/code&gt;）；保留哪一轮的权重在下方选择</translation>
    </message>
    <message>
        <source>What picks the best epoch, and what early stopping and the learning-rate schedule watch (Keras: &lt;code&gt;monitor=&quot;val_loss&quot;&lt;/code&gt;)</source>
        <translation>用于选出最佳轮次，也是早停和学习率调度所监控的指标（Keras：&lt;code&gt;monitor=&quot;val_loss&quot;&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>Keep the weights of:</source>
        <translation>保留权重：</translation>
    </message>
    <message>
        <source>The last epoch</source>
        <translation>最后一轮</translation>
    </message>
    <message>
        <source>The epoch whose weights the model keeps, and the fine-tuning phase starts from: the best by the monitored value (Keras: &lt;code&gt;EarlyStopping(restore_best_weights=True)&lt;/code&gt;, here also without early stopping), or the last, as &lt;code&gt;model.fit()&lt;/code&gt; alone keeps</source>
        <translation>模型保留哪一轮的权重，微调阶段也从这一轮开始：按监控指标最佳的一轮（Keras：&lt;code&gt;EarlyStopping(restore_best_weights=True)&lt;/code&gt;，此处不启用早停时同样有效），或最后一轮，即单独调用 &lt;code&gt;model.fit()&lt;/code&gt; 所保留的</translation>
    </message>
</context>
<context>
    <name>tlw::ui::TriageController</name>
    <message>
        <source>The folder could not be triaged: %1</source>
        <translation>无法分拣该文件夹：%1</translation>
    </message>
    <message>
        <source>Triage cancelled.</source>
        <translation>分拣已取消。</translation>
    </message>
    <message>
        <source>There is no trained model to triage with yet.</source>
        <translation>还没有可用于分拣的已训练模型。</translation>
    </message>
    <message>
        <source>Train one on the Training page, or open a model file (File ▸ Open Model…).</source>
        <translation>请在“训练”页训练一个模型，或打开一个模型文件（文件 ▸ 打开模型…）。</translation>
    </message>
    <message>
        <source>No image files were found there.</source>
        <translation>那里没有找到图像文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) ranked by the probability of %1.</source>
        <translation>
            <numerusform>%n 张图像已按 %1 的概率排序。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) ranked by their answer&apos;s probability.</source>
        <translation>
            <numerusform>%n 张图像已按其结论的概率排序。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answered unknown.</source>
        <translation>
            <numerusform>其中 %n 张的结论为未知。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read.</source>
        <translation>
            <numerusform>%n 张无法读取。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n placed in the destination.</source>
        <translation>
            <numerusform>%n 张已放入目标文件夹。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n got a suffix: the name was taken.</source>
        <translation>
            <numerusform>%n 张因重名在文件名后加了编号。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be placed.</source>
        <translation>
            <numerusform>%n 张未能放入目标文件夹。</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no triage to export yet.</source>
        <translation>还没有可导出的分拣结果。</translation>
    </message>
    <message>
        <source>The triage could not be exported: %1</source>
        <translation>无法导出分拣结果：%1</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>one sentence after another</comment>
        <translation>%1%2</translation>
    </message>
</context>
<context>
    <name>tlw::ui::TriageDialog</name>
    <message>
        <source>Folder to Triage</source>
        <translation>要分拣的文件夹</translation>
    </message>
    <message>
        <source>Destination Folder</source>
        <translation>目标文件夹</translation>
    </message>
    <message>
        <source>Export Triage</source>
        <translation>导出分拣结果</translation>
    </message>
    <message>
        <source>triage.csv</source>
        <translation>分拣结果.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Triage a Folder</source>
        <translation>分拣文件夹</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Rank by:</source>
        <translation>排序依据：</translation>
    </message>
    <message>
        <source>Sort into a folder per answer</source>
        <translation>按结论分到各自的文件夹</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>图像：</translation>
    </message>
    <message>
        <source>Leave where they are</source>
        <translation>留在原处</translation>
    </message>
    <message>
        <source>Copy into</source>
        <translation>复制到</translation>
    </message>
    <message>
        <source>Link into</source>
        <translation>链接到</translation>
    </message>
    <message>
        <source>Destination folder (existing files are kept)</source>
        <translation>目标文件夹（已有文件会保留）</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>分拣</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>tlw::ui::TriageTableModel</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Copied to</source>
        <translation>放置位置</translation>
    </message>
</context>
<context>
    <name>tlw::ui::WeightsPanel</name>
    <message>
        <source>Pretrained weights have not been looked for yet.</source>
        <translation>尚未查找预训练权重。</translation>
    </message>
    <message>
        <source>%1, Keras ImageNet weights: %2</source>
        <translation>%1，Keras ImageNet 权重：%2</translation>
    </message>
    <message>
        <source>none: %1 not found</source>
        <translation>无：未找到 %1</translation>
    </message>
    <message>
        <source>none: %1 starts from random weights (not pretrained)</source>
        <translation>无：%1 从随机权重开始（未预训练）</translation>
    </message>
    <message>
        <source>Looking for the ImageNet weights of %1…</source>
        <translation>正在查找 %1 的 ImageNet 权重…</translation>
    </message>
    <message>
        <source>Found: %1 (%2 MB, Keras ImageNet weights)</source>
        <translation>已找到：%1（%2 MB，Keras ImageNet 权重）</translation>
    </message>
    <message>
        <source>Downloaded just now and checked: every layer of %1 is there.</source>
        <translation>刚刚下载并已检查：%1 的每一层都在。</translation>
    </message>
    <message>
        <source>Chosen by you and checked: every layer of %1 is there.</source>
        <translation>由你选择并已检查：%1 的每一层都在。</translation>
    </message>
    <message>
        <source>Found on this computer and checked: every layer of %1 is there.</source>
        <translation>在这台计算机上找到并已检查：%1 的每一层都在。</translation>
    </message>
    <message>
        <source>Missing: %1, the Keras ImageNet weights of %2.</source>
        <translation>缺少：%1，即 %2 的 Keras ImageNet 权重。</translation>
    </message>
    <message>
        <source>Looked for it in: %1.</source>
        <translation>已查找的位置：%1。</translation>
    </message>
    <message>
        <source>Put the file in %1 (Keras&apos;s own cache) or in the folder named by TLW_WEIGHTS_DIR, choose it, or download it from Keras&apos;s official address.</source>
        <translation>请把文件放到 %1（Keras 自己的缓存文件夹）或 TLW_WEIGHTS_DIR 指定的文件夹，也可以选择该文件，或从 Keras 官方地址下载。</translation>
    </message>
    <message>
        <source>Put the file in %1 (Keras&apos;s own cache) or in the folder named by TLW_WEIGHTS_DIR, or choose it. There is no official download for it.</source>
        <translation>请把文件放到 %1（Keras 自己的缓存文件夹）或 TLW_WEIGHTS_DIR 指定的文件夹，也可以选择该文件。它没有官方下载地址。</translation>
    </message>
    <message>
        <source>Downloading %1 to %2…</source>
        <translation>正在下载 %1 到 %2…</translation>
    </message>
    <message>
        <source>%1 of %2 MB</source>
        <translation>%1 / %2 MB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>Not pretrained: %1 starts from random weights, so it needs far more images and epochs to learn.</source>
        <translation>未预训练：%1 从随机权重开始，需要多得多的图像和轮次才能学会。</translation>
    </message>
    <message>
        <source>To use the ImageNet weights, put %1 in %2 or in the folder named by TLW_WEIGHTS_DIR.</source>
        <translation>要使用 ImageNet 权重，请把 %1 放到 %2 或 TLW_WEIGHTS_DIR 指定的文件夹。</translation>
    </message>
    <message>
        <source>Download (%1 MB)</source>
        <translation>下载（%1 MB）</translation>
    </message>
    <message>
        <source>Choose Weights File…</source>
        <translation>选择权重文件…</translation>
    </message>
    <message>
        <source>Use a Keras .h5 weights file from anywhere on this computer</source>
        <translation>使用这台计算机上任意位置的 Keras .h5 权重文件</translation>
    </message>
    <message>
        <source>Cancel Download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <source>Continue Without Pretrained Weights</source>
        <translation>不使用预训练权重继续</translation>
    </message>
    <message>
        <source>Train from random weights: possible, but far from transfer learning</source>
        <translation>从随机权重开始训练：可以，但这已不是迁移学习</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
</context>
</TS>
