<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>tlw::ui::AboutDialog</name>
    <message>
        <source>Weights: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About TL Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1. Transfer learning and fine-tuning of pretrained image CNNs, the Keras tutorial&apos;s recipe with point and click.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The terms of use of TL Workbench are in the licence file that comes with it. Pretrained weights are licensed by their authors: check their terms before you share a model trained from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Versions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tlw::ui::AccuracyChart</name>
    <message>
        <source>Training and Validation Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tlw::ui::DatasetPage</name>
    <message>
        <source>Scanning %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One sub-folder per class, as Keras image_dataset_from_directory expects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a folder here, or choose one. Each sub-folder is a class; its images are the examples of that class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Dataset Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try with Demo Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a small seal-impression dataset and open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Another Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training / validation split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation fraction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of each class held out for validation (Keras: &lt;code&gt;validation_split&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the random split: the same seed gives the same split (Keras: &lt;code&gt;seed&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Images (%n)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scan report: %n problem(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tlw::ui::EpochChart</name>
    <message>
        <source>%1 (per batch, smoothed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Fine Tuning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Smoothed Per-Batch Curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the chart could not be rendered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the PDF could not be started</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tlw::ui::ErrorBanner</name>
    <message>
        <source>Hide details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tlw::ui::EvaluationPage</name>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure the trained model on images it has never seen: the test split, or another folder with the same classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test images:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test split of the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss (cross entropy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balanced accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean of the per-class recalls: not fooled by one large class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F1 score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The confusion matrix view comes with the evaluation engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the model to see which classes it confuses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Misclassified images, highest loss first (%n)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Misclassified images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tlw::ui::LayerTableModel</name>
    <message>
        <source>Trainable: updated by training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen: keeps its pretrained weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Param #</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchecked layers are frozen (Keras: layer.trainable = False)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total params: %1
Trainable params: %2
Non-trainable params: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tlw::ui::LossChart</name>
    <message>
        <source>Training and Validation Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross Entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation Loss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tlw::ui::MainWindow</name>
    <message>
        <source>The chart could not be exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset folder no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project file no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Dataset Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TL Workbench projects (*.tlwproj);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>untitled.tlwproj</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TL Workbench projects (*.tlwproj)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TL Workbench models (*.tlwmodel);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TL Workbench models (*.tlwmodel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export TorchScript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TorchScript modules (*.pt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locate Weights File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras weights (*.h5);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume from Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Test Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training Is Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training and quit? The current batch finishes and a checkpoint is saved, so you can resume later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TL Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — TL Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a folder of images and check it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the pretrained backbone and the layers to freeze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train with live accuracy and loss curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure the model on test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify new images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Dataset Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;Datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent P&amp;rojects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Mo&amp;del…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export TorchScript…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoothed &amp;Per-Batch Curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About TL Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready. Drop a dataset folder anywhere on the window to open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tlw::ui::ModelPage</name>
    <message>
        <source>Freeze Up to This Layer (fine_tune_at = %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pretrained weights have not been looked for yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet weights found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ImageNet weights for this backbone on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading ImageNet weights to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not pretrained: training starts from random weights, which needs far more data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the Keras .h5 file in ~/.keras/models/ or in the folder named by TLW_WEIGHTS_DIR, locate it, or download it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pretrained backbone for transfer learning: choose it, then decide which layers training may change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backbone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pretrained convolutional base (Keras: &lt;code&gt;tf.keras.applications&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images are resized to this square size; output shapes in the table follow it (Keras: &lt;code&gt;input_shape&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head dropout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout before the new classifier layer (Keras: &lt;code&gt;Dropout(0.2)&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locate Weights File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer list appears here once the backbone is built.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze Up to Selected Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freezes the selected layer and every layer above it, and unfreezes the rest (Keras: &lt;code&gt;fine_tune_at&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature Extraction: Freeze All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains only the new classifier head (Keras: &lt;code&gt;base_model.trainable = False&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-Tune Last Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfreezes the last convolutional block (block5 of VGG16) and freezes the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfreeze All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tlw::ui::PredictPage</name>
    <message>
        <source>The clipboard holds no image and no image file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify new images with the trained model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop images or a folder here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each image gets a card with its most likely classes. A folder gives a table you can sort and export to CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify the image on the clipboard (Ctrl+V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) classified</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Add Images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tlw::ui::ThumbnailListModel</name>
    <message>
        <source>%1
Cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tlw::ui::TrainingPage</name>
    <message>
        <source>The fine-tuning learning rate should be lower than the first phase&apos;s (the tutorial uses a tenth): a high rate destroys the pretrained features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early stopping patience (%1) must be smaller than the number of epochs (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training cannot start with these settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started. Set the hyper-parameters and press Start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1/%2 · batch %3/%4 · %5 images/s · %6 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the new classifier head, and fine-tune the unfrozen layers, on a background thread. The window stays responsive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hyper-parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes over the training set (Keras: &lt;code&gt;epochs&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per gradient step; lower it if memory runs out (Keras: &lt;code&gt;batch_size&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step size of the optimizer (Keras: &lt;code&gt;learning_rate&lt;/code&gt;; the tutorial uses 0.0001)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How weights are updated from gradients (Keras: &lt;code&gt;optimizer&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops when the validation loss no longer improves and keeps the best epoch&apos;s weights (Keras: &lt;code&gt;EarlyStopping(restore_best_weights=True)&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patience (epochs):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs without improvement before stopping (Keras: &lt;code&gt;patience&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random horizontal flips and small rotations of training images (Keras: &lt;code&gt;RandomFlip&lt;/code&gt;, &lt;code&gt;RandomRotation&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then fine-tune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second phase: after training the head, unfreeze the layers chosen on the Model page and train on with a lower learning rate, as in the tutorial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs of the second phase (Keras: &lt;code&gt;fine_tune_epochs&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usually a tenth of the first rate (Keras: &lt;code&gt;base_learning_rate/10&lt;/code&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads used by the math library; 0 uses every core</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after the current batch and keep a checkpoint (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume from Checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen layers: features cached, only the trainable layers run each epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen layers: computed every batch (no feature cache).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
