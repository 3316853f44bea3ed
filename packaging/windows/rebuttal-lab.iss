; Rebuttal Lab: Inno Setup 6 script for a machine-wide Windows installer.
; RECIPE ONLY: NOT built or tested by this project's CI (see packaging/README.md).
;
; 1. On Windows, in the repository:   py -3.11 -m venv .venv        (the setup program uses Inno's own icon)
;                                     .venv\Scripts\pip install -e ".[package]" pillow
;                                     .venv\Scripts\pyinstaller --noconfirm --distpath build\dist ^
;                                         --workpath build\pyinstaller packaging\rebuttal-lab.spec
; 2. Then:  iscc /DAppVersion=0.1.0 packaging\windows\rebuttal-lab.iss
;    -> build\windows\RebuttalLab-0.1.0-setup.exe
;
; Users' data stays in %APPDATA%\RebuttalLab\rebuttal-lab (database, settings, backups): the installer
; never touches it, so upgrades keep it (the app migrates the database at its next start) and uninstalling
; leaves it. The machine-wide config goes to %ProgramData%\RebuttalLab\config.toml, only if none is there
; yet, and is left in place on uninstall (like a dpkg conffile).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Dist "..\..\build\dist\rebuttal-lab"

[Setup]
AppId={{6F1C2B4E-8D3A-4F0B-9E57-2A61C4D8B913}
AppName=Rebuttal Lab
AppVersion={#AppVersion}
AppPublisher=Rebuttal Lab contributors
DefaultDirName={autopf}\Rebuttal Lab
DefaultGroupName=Rebuttal Lab
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build\windows
OutputBaseFilename=RebuttalLab-{#AppVersion}-setup
UninstallDisplayIcon={app}\Rebuttal Lab.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
LicenseFile=..\debian\copyright

[Files]
Source: "{#Dist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\config.toml"; DestDir: "{commonappdata}\RebuttalLab"; Flags: onlyifdoesntexist uninsneveruninstall

[Icons]
Name: "{autoprograms}\Rebuttal Lab"; Filename: "{app}\Rebuttal Lab.exe"
Name: "{autodesktop}\Rebuttal Lab"; Filename: "{app}\Rebuttal Lab.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Registry]
; Let `rebuttal-lab` (the console executable) be found from any command prompt.
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; \
    ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
    Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\Rebuttal Lab.exe"; Description: "{cm:LaunchProgram,Rebuttal Lab}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Paths: string;
begin
  if not RegQueryStringValue(HKEY_LOCAL_MACHINE,
      'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;
