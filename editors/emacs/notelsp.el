;;; notelsp.el --- NoteLsp for Emacs through eglot -*- lexical-binding: t; -*-

;; Load this from your init file: (load "/path/to/notelsp.el")
;; It needs eglot and a Markdown major mode (markdown-mode, or markdown-ts-mode on Emacs 29+); without one a
;; note's buffer is fundamental-mode and eglot would not know which server to start.
;; A vault is the project eglot finds (the git root, or the folder holding .notelsp.yml when it is a project root).

(defgroup notelsp nil
  "NoteLsp, the language server for Markdown note vaults."
  :group 'tools)

(defcustom notelsp-command '("notelsp")
  "The server's command line: the program, then its arguments.
`notelsp' on PATH by default; for a build, e.g. (\"dotnet\" \"/opt/notelsp/notelsp.dll\")."
  :type '(repeat string)
  :group 'notelsp)

(defconst notelsp-major-modes '(markdown-mode gfm-mode markdown-ts-mode)
  "The major modes of Markdown notes that start NoteLsp.")

(with-eval-after-load 'eglot
  ;; A function, so a later change of `notelsp-command' is seen by the next connection.
  (add-to-list 'eglot-server-programs
               (cons notelsp-major-modes (lambda (&rest _) notelsp-command))))

;; Start NoteLsp automatically in Markdown buffers:
(dolist (mode notelsp-major-modes)
  (add-hook (intern (format "%s-hook" mode)) #'eglot-ensure))

;; Note: eglot 1.9 cannot rename files; NoteLsp refuses a file rename with a clear message and still
;; renames headings and titles.

(provide 'notelsp)
;;; notelsp.el ends here
