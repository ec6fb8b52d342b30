;;; notelsp.el --- NoteLsp for Emacs through eglot -*- lexical-binding: t; -*-

;; Put this in your init file (needs eglot and markdown-mode; without markdown-mode a note's buffer is
;; fundamental-mode and eglot would not know which server to start).
;; A vault is the project eglot finds (the git root, or the folder holding .notelsp.yml when it is a project root).

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '((markdown-mode gfm-mode) . ("notelsp"))))

;; Start NoteLsp automatically in Markdown buffers:
(add-hook 'markdown-mode-hook #'eglot-ensure)

;; Note: eglot 1.9 cannot rename files; NoteLsp refuses a file rename with a clear message and still
;; renames headings and titles.

(provide 'notelsp)
;;; notelsp.el ends here
