<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n process</numerusform>
            <numerusform>%n processes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n more interface(s)</source>
        <translation>
            <numerusform>… %n more interface</numerusform>
            <numerusform>… %n more interfaces</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsx::gui::ContainerStopper</name>
    <message numerus="yes">
        <source>Stop the container started by nsexplorer-helper (pid %1)? Its %n process(es) get SIGHUP and SIGTERM; any still running after %2 s are killed.</source>
        <translation>
            <numerusform>Stop the container started by nsexplorer-helper (pid %1)? Its %n process gets SIGHUP and SIGTERM; if still running after %2 s it is killed.</numerusform>
            <numerusform>Stop the container started by nsexplorer-helper (pid %1)? Its %n processes get SIGHUP and SIGTERM; any still running after %2 s are killed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The container of %1: %n process(es) could not be killed</source>
        <translation>
            <numerusform>The container of %1: %n process could not be killed</numerusform>
            <numerusform>The container of %1: %n processes could not be killed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Killed the container of %1 (%n process(es) had ignored SIGTERM)</source>
        <translation>
            <numerusform>Killed the container of %1 (%n process had ignored SIGTERM)</numerusform>
            <numerusform>Killed the container of %1 (%n processes had ignored SIGTERM)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsx::gui::MapView</name>
    <message numerus="yes">
        <source>%n network namespace(s)</source>
        <translation>
            <numerusform>%n network namespace</numerusform>
            <numerusform>%n network namespaces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n wire(s)</source>
        <translation>
            <numerusform>%n wire</numerusform>
            <numerusform>%n wires</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user namespace(s)</source>
        <translation>
            <numerusform>%n user namespace</numerusform>
            <numerusform>%n user namespaces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n PID namespace(s)</source>
        <translation>
            <numerusform>%n PID namespace</numerusform>
            <numerusform>%n PID namespaces</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsx::gui::ScanBanner</name>
    <message numerus="yes">
        <source>Running as uid %1: namespaces of other users&apos; processes can&apos;t be read; %n error(s) in the last scan. Run as root to see everything.</source>
        <translation>
            <numerusform>Running as uid %1: namespaces of other users&apos; processes can&apos;t be read; %n error in the last scan. Run as root to see everything.</numerusform>
            <numerusform>Running as uid %1: namespaces of other users&apos; processes can&apos;t be read; %n errors in the last scan. Run as root to see everything.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) nested deeper than %1 levels are shown side by side at level %1.</source>
        <translation>
            <numerusform>%n row nested deeper than %1 levels is shown side by side at level %1.</numerusform>
            <numerusform>%n rows nested deeper than %1 levels are shown side by side at level %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsx::gui::ScanErrorsDialog</name>
    <message numerus="yes">
        <source>The scan of %1 could not read these entries (%n error(s)); what they hold is missing from the views.</source>
        <translation>
            <numerusform>The scan of %1 could not read this entry (%n error); what it holds is missing from the views.</numerusform>
            <numerusform>The scan of %1 could not read these entries (%n errors); what they hold is missing from the views.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsx::gui::ScanStatus</name>
    <message numerus="yes">
        <source>%n namespace(s)</source>
        <translation>
            <numerusform>%n namespace</numerusform>
            <numerusform>%n namespaces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n process</numerusform>
            <numerusform>%n processes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s) in the last scan: entries that could not be read. Click for the list.</source>
        <translation>
            <numerusform>%n error in the last scan: an entry that could not be read. Click for the list.</numerusform>
            <numerusform>%n errors in the last scan: entries that could not be read. Click for the list.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsx::model::NamespaceFilterProxy</name>
    <message numerus="yes">
        <source>%1 of %n %2 namespace(s) match the filter</source>
        <translation>
            <numerusform>%1 of %n %2 namespace matches the filter</numerusform>
            <numerusform>%1 of %n %2 namespaces match the filter</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsx::model::SnapshotTreeModel</name>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n process</numerusform>
            <numerusform>%n processes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s)</source>
        <translation>
            <numerusform>%n thread</numerusform>
            <numerusform>%n threads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n %1 namespace(s)</source>
        <translation>
            <numerusform>%n %1 namespace</numerusform>
            <numerusform>%n %1 namespaces</numerusform>
        </translation>
    </message>
</context>
</TS>
