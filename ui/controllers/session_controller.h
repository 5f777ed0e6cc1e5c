#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QThreadPool>

class QTimer;

namespace tlw::ui {

class MainWindow;
class Preferences;
class ProjectController;

// Keeps the user's setup across restarts and crashes. A few seconds after any change of what a project
// holds (dataset, split, model, freeze set, hyper-parameters), it is written to the session file beside
// the settings (atomically), and once more when the window closes; the next start restores it. It also
// tells the window whether the project has changes not yet saved in a project file.
class SessionController : public QObject {
    Q_OBJECT
public:
    static constexpr int kAutosaveIntervalMs = 3000;

    SessionController(MainWindow& window, ProjectController& projects, Preferences& preferences,
                      QObject* parent = nullptr);

    // Restores the last session when there is one: the pages' settings, the dataset, the named project
    // it belonged to. A `dataset` given (the command line's) replaces the session's, and the session then
    // belongs to no project file. False when there was none, or it could not be read (said in the banner;
    // the file is left as it is).
    bool restoreLastSession(const QString& dataset = {});
    // True when the project differs from the project file it was last opened from or saved to, or, with
    // no project file, when a dataset is open.
    bool hasUnsavedChanges() const;
    ~SessionController() override;

    // Writes the session file now when it is out of date (waiting for an autosave under way); false (and
    // a status-bar message) on failure.
    bool saveSessionNow();

signals:
    void sessionRestored();

private:
    QByteArray currentJson() const;
    void rememberSavedProject(const QString& file);
    void autosave();  // off the UI thread: the atomic write syncs the file to disk
    void reportFailure(const QString& reason);

    MainWindow& m_window;
    ProjectController& m_projects;
    Preferences& m_preferences;
    QTimer* m_timer;
    QByteArray m_savedJson;    // the project as in its file; empty: no project file
    QByteArray m_sessionJson;  // what the session file holds, or is being written with
    QThreadPool m_writer;      // one thread: writes happen in order
};

}  // namespace tlw::ui
