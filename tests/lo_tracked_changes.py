"""Run by the system's python3 (which has LibreOffice's ``uno``): LibreOffice's own 接受所有修订 /
拒绝所有修订 on tracked-changes .docx files, and the plain text of each result.

Usage: python3 lo_tracked_changes.py PROFILE_DIR OUT_DIR FILE.docx...
For each FILE writes OUT_DIR/FILE.accept.txt and OUT_DIR/FILE.reject.txt, and for a file with no
tracked changes also OUT_DIR/FILE.plain.txt (all three through LibreOffice's text export).
"""

import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(profile, out_dir, paths):
    pipe = f"workplan-tracked-{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for path in paths:
            name = os.path.basename(path)
            for mode in ("accept", "reject", "plain"):
                url = uno.systemPathToFileUrl(os.path.abspath(path))
                doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
                if mode == "plain":
                    if doc.getRedlines().createEnumeration().hasMoreElements():
                        doc.close(True)
                        continue
                else:
                    command = (
                        ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
                    )
                    dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
                target = uno.systemPathToFileUrl(os.path.abspath(os.path.join(out_dir, f"{name}.{mode}.txt")))
                doc.storeToURL(
                    target, (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF,,,"))
                )
                doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # the bridge goes down with the office: nothing left to do
            pass
    finally:
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
