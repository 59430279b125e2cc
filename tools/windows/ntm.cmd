@echo off
rem Runs ntm as installed by cai-dat.cmd for this Windows user, in UTF-8 mode, with
rem the arguments given: `ntm status`, `ntm record 2026 income 80`...
rem This file has CRLF line ends and stays ASCII until chcp 65001: cmd reads the
rem Vietnamese lines after it as UTF-8.
setlocal
chcp 65001 >nul
rem Python in UTF-8 mode: a report sent to a file or a pipe is UTF-8, as ntm's files are.
set "PYTHONUTF8=1"
set "NTMCMD_EXE=%LOCALAPPDATA%\ntm-tracker\venv\Scripts\ntm.exe"
if not exist "%NTMCMD_EXE%" goto not_installed
if "%~1"=="" goto no_command
"%NTMCMD_EXE%" %*
exit /b %ERRORLEVEL%

:no_command
"%NTMCMD_EXE%" --help
echo.
echo Gõ lệnh trong cửa sổ cmd mở tại thư mục này, ví dụ: ntm status
echo Cách mở cửa sổ cmd và các lệnh thường dùng: xem tệp HUONG-DAN.txt.
pause
exit /b 0

:not_installed
echo ntm chưa được cài đặt cho người dùng này trên máy này.
echo Hãy bấm đúp vào tệp cai-dat.cmd trong thư mục ntm-tracker để cài đặt, rồi chạy lại lệnh.
exit /b 1
