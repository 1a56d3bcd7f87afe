; Windows installer of 供热收费收银台 (cashier), for NSIS 3 (makensis).
;
; Build the PyInstaller bundle first, then compile this file; `make dist` (or
; `python resources/packaging/build_dist.py` on Windows) does both:
;   makensis -WX -DVERSION=0.1.0 -DPAYLOAD=dist\cashier
;            -DPAYLOAD_LIST=build\installer\payload.nsh installer.nsi
; VERSION is pyproject.toml's [project] version (x.y.z). PAYLOAD is the onedir bundle.
; PAYLOAD_LIST is written from that bundle by resources/packaging/nsis_payload.py: it lists
; every file, so the uninstaller deletes exactly what was installed and nothing else.
; Optional: -DOUTFILE=path\name.exe, -DPUBLISHER="name shown in Add/Remove Programs",
; -DCOMPRESSOR=zlib|bzip2|off (default lzma: smallest, slowest; the tests use off).
; -DTARGET=amd64-unicode: a 64-bit installer (Debian's NSIS has the stubs, the Windows
; download does not), to try the installer under wine64.
;
; What it does: installs for all users under Program Files (64-bit); Start-menu and desktop
; shortcuts; creates C:\ProgramData\cashier (the shared database folder, platformdirs'
; site_data_dir) and lets the Users group modify it; registers an uninstaller in
; Add/Remove Programs. It refuses to run while the application is open (the application
; holds the named mutex below, see cashier/ui/running_mutex.py). The uninstaller removes the
; program and keeps the database, its backups and the settings, and says so.
; This file is UTF-8 with a byte-order mark: makensis needs the mark to read the Chinese text.

!ifdef TARGET
  Target ${TARGET}
!endif
Unicode true
ManifestDPIAware true
RequestExecutionLevel admin
!ifndef COMPRESSOR
  !define COMPRESSOR "lzma"
!endif
!if "${COMPRESSOR}" == "off"
  SetCompress off
!else
  SetCompressor /SOLID ${COMPRESSOR}
!endif

!ifndef VERSION
  !error "Define the version: makensis -DVERSION=x.y.z (pyproject.toml's version)"
!endif
!ifndef PAYLOAD
  !error "Define the bundle folder: makensis -DPAYLOAD=dist\cashier"
!endif
!ifndef PAYLOAD_LIST
  !define PAYLOAD_LIST "build\installer\payload.nsh"
!endif
!ifndef OUTFILE
  !define OUTFILE "dist\cashier-${VERSION}-setup.exe"
!endif
!ifndef PUBLISHER
  !define PUBLISHER "cashier"
!endif
!searchparse "${VERSION}" "" VERSION_MAJOR "." VERSION_MINOR "." VERSION_PATCH

!define APP_ID "cashier"
!define APP_NAME "供热收费收银台"
!define GUI_EXE "cashierw.exe"
!define UNINSTALLER "uninstall.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
; Must equal RUNNING_MUTEX_NAME in cashier/ui/running_mutex.py (a test compares them).
!define RUNNING_MUTEX "Global\cashier-heating-fee-cashier-running"
!define SYNCHRONIZE 0x00100000
!define ERROR_ACCESS_DENIED 5

!include "${PAYLOAD_LIST}"
!include MUI2.nsh
!include LogicLib.nsh
!include x64.nsh

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_ID}"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION_MAJOR}.${VERSION_MINOR}.${VERSION_PATCH}.0"
VIFileVersion "${VERSION_MAJOR}.${VERSION_MINOR}.${VERSION_PATCH}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} ${VERSION} Setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(KeepDataNote)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$(UninstalledKeepData)"
!insertmacro MUI_UNPAGE_FINISH

; The first language is the default when Windows' display language is neither.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString Needs64Bit ${LANG_SIMPCHINESE} "${APP_NAME}需要 64 位 Windows。"
LangString Needs64Bit ${LANG_ENGLISH} "${APP_NAME} needs 64-bit Windows."
LangString AppRunning ${LANG_SIMPCHINESE} "${APP_NAME}正在运行（可能是本机的其他用户打开的）。$\r$\n请先在所有登录用户中关闭它，然后点击“重试”。"
LangString AppRunning ${LANG_ENGLISH} "${APP_NAME} is running (perhaps opened by another user of this computer).$\r$\nClose it in every login, then click Retry."
LangString DataFolderFailed ${LANG_SIMPCHINESE} "无法为数据文件夹 $APPDATA\${APP_ID} 设置“Users 可修改”权限（icacls 返回 $0）。请管理员手动授予 Users 修改权限，否则普通用户无法使用数据库。"
LangString DataFolderFailed ${LANG_ENGLISH} "Could not give Users modify access to the data folder $APPDATA\${APP_ID} (icacls returned $0). An administrator must grant it, or ordinary users cannot use the database."
LangString OldUninstallFailed ${LANG_SIMPCHINESE} "无法卸载旧版本（返回 $1）。安装已停止。"
LangString OldUninstallFailed ${LANG_ENGLISH} "The previous version could not be removed (it returned $1). Setup stopped."
LangString KeepDataNote ${LANG_SIMPCHINESE} "将删除程序文件和快捷方式。数据库及其备份（$APPDATA\${APP_ID}）和各用户的设置（用户目录下 AppData\Local\${APP_ID}）会保留，不会删除；如确实不再需要，请自行删除。"
LangString KeepDataNote ${LANG_ENGLISH} "The program files and shortcuts are removed. The database and its backups ($APPDATA\${APP_ID}) and each user's settings (AppData\Local\${APP_ID} in the user's profile) are kept; delete them yourself if they are really no longer needed."
LangString UninstalledKeepData ${LANG_SIMPCHINESE} "${APP_NAME}已卸载。$\r$\n$\r$\n数据库、备份和设置已保留在 $APPDATA\${APP_ID} 和各用户的 AppData\Local\${APP_ID} 中。"
LangString UninstalledKeepData ${LANG_ENGLISH} "${APP_NAME} has been removed.$\r$\n$\r$\nThe database, backups and settings are kept in $APPDATA\${APP_ID} and in each user's AppData\Local\${APP_ID}."

; Refuse while any login has the application open: it holds RUNNING_MUTEX while its window
; is open. Access denied means the mutex exists but belongs to another user: running too.
!macro DEFINE_REFUSE_WHILE_RUNNING PREFIX
Function ${PREFIX}RefuseWhileRunning
  check:
    System::Call 'kernel32::OpenMutexW(i ${SYNCHRONIZE}, i 0, w "${RUNNING_MUTEX}") p .r0 ?e'
    Pop $1
    ${If} $0 P<> 0
      System::Call 'kernel32::CloseHandle(p r0)'
    ${ElseIf} $1 <> ${ERROR_ACCESS_DENIED}
      Return
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" /SD IDCANCEL IDRETRY check
    SetErrorLevel 2
    Abort
FunctionEnd
!macroend
!insertmacro DEFINE_REFUSE_WHILE_RUNNING ""
!insertmacro DEFINE_REFUSE_WHILE_RUNNING "un."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(Needs64Bit)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  ; An upgrade goes where the previous version is, unless /D= chose another folder.
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} $INSTDIR == "$PROGRAMFILES64\${APP_ID}"
    StrCpy $INSTDIR $0
  ${EndIf}
  Call RefuseWhileRunning
FunctionEnd

; The previous version's own uninstaller removes the files it listed, so that files dropped
; from the new version do not linger with no uninstaller that knows them.
Function RemovePreviousVersion
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 == ""
  ${OrIfNot} ${FileExists} "$0\${UNINSTALLER}"
    Return
  ${EndIf}
  DetailPrint "$0\${UNINSTALLER} /S"
  ExecWait '"$0\${UNINSTALLER}" /S _?=$0' $1
  ; Its key is gone only if it finished (a refusal can exit with 0).
  ReadRegStr $2 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $1 <> 0
  ${OrIf} $2 != ""
    MessageBox MB_OK|MB_ICONSTOP "$(OldUninstallFailed)" /SD IDOK
    Abort
  ${EndIf}
  Delete "$0\${UNINSTALLER}"
  RMDir "$0"
FunctionEnd

Function CreateDataFolder
  CreateDirectory "$APPDATA\${APP_ID}"
  ; *S-1-5-32-545 is BUILTIN\Users whatever the Windows language; (OI)(CI)M lets every
  ; login create and change the database, its journal and backups, and inherits to them.
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$APPDATA\${APP_ID}" /grant *S-1-5-32-545:(OI)(CI)M'
  Pop $0
  ${If} $0 != 0
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(DataFolderFailed)" /SD IDOK
  ${EndIf}
FunctionEnd

Section "Install"
  Call RefuseWhileRunning
  Call RemovePreviousVersion
  !insertmacro PAYLOAD_INSTALL
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  Call CreateDataFolder

  SetOutPath "$INSTDIR"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${GUI_EXE}"
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${GUI_EXE}"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" ${PAYLOAD_SIZE_KB}
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
  Call un.RefuseWhileRunning
FunctionEnd

; Only what Install put there: the listed files, the uninstaller, the shortcuts, the key.
; Folders go with a plain RMDir, which keeps any folder that still holds something else.
; The data folder ($APPDATA\cashier) and the users' settings are not touched.
Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  !insertmacro PAYLOAD_UNINSTALL
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DetailPrint "$(KeepDataNote)"
SectionEnd
