@echo off
rem Installs ntm-tracker for this Windows user from the wheels beside this file: no
rem internet, no admin rights. Finds Python with the py launcher (python.org's installer
rem puts it in, even with "Add python.exe to PATH" unchecked), else "python" on PATH,
rem and runs cai_dat.py, which does the work and says what it does.
rem This file has CRLF line ends and stays ASCII until chcp 65001: cmd reads the
rem Vietnamese lines after it as UTF-8. No parenthesised blocks: a folder name with
rem "(1)" in it, as Windows names a second download, would break one.
setlocal
chcp 65001 >nul
set "PYTHONUTF8=1"

py -3 -c "import sys" >nul 2>&1
if %ERRORLEVEL% equ 0 goto with_py
python -c "import sys" >nul 2>&1
if %ERRORLEVEL% equ 0 goto with_python
goto no_python

:with_py
py -3 "%~dp0cai_dat.py" %*
goto done

:with_python
python "%~dp0cai_dat.py" %*
goto done

:no_python
echo Không tìm thấy Python trên máy này, nên chưa cài được ntm.
echo.
echo Cách khắc phục:
echo   1. Tải Python bản Windows 64-bit tại trang python.org, mục Downloads: chọn
echo      "Windows installer (64-bit)" của Python 3.12 hoặc 3.13. Có thể tải bằng máy
echo      khác có Internet rồi chép sang bằng USB.
echo   2. Chạy tệp vừa tải, bấm "Install Now". Không cần quyền quản trị.
echo   3. Bấm đúp lại vào tệp cai-dat.cmd này.
echo.
pause
exit /b 1

:done
set "NTM_RC=%ERRORLEVEL%"
echo.
pause
exit /b %NTM_RC%
