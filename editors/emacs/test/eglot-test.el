;;; eglot-test.el --- NoteLsp through the real eglot 1.9, in emacs --batch -*- lexical-binding: t; -*-
;; Run by run.sh: NOTELSP_CMD is the server command line, VAULT a scratch folder this script fills.

;; -Q skips Debian's site-start, which is what activates the elpa packages: put them on the load path ourselves.
(dolist (dir (directory-files "/usr/share/emacs/site-lisp/elpa" t "^[^.]"))
  (add-to-list 'load-path dir))
(require 'eglot)
(require 'markdown-mode)
(require 'xref)
(require 'flymake)

(defvar vault (file-name-as-directory (getenv "VAULT")))
(defvar passed 0)
(defvar failed 0)

(defun check (name ok &optional detail)
  (if ok
      (progn (setq passed (1+ passed)) (princ (format "ok   %s\n" name)))
    (setq failed (1+ failed))
    (princ (format "FAIL %s%s\n" name (if detail (format ": %s" detail) "")))))

(defun write-note (name text)
  (with-temp-file (expand-file-name name vault) (insert text)))

(defun read-note (name)
  (with-temp-buffer (insert-file-contents (expand-file-name name vault)) (buffer-string)))

(defun wait-until (predicate seconds)
  "Let eglot's process output in until PREDICATE is true or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (funcall predicate)))

(defun goto-text (text &optional offset)
  (goto-char (point-min))
  (when (search-forward text nil t)
    (goto-char (+ (match-beginning 0) (or offset 0)))
    t))

(write-note "alpha.md" "---\ntitle: Alpha note\n---\n\n# Alpha note\n\nSee [[beta]] and [[missing_note]].\n\n## Details\n\nText.\n")
(write-note "beta.md" "# Beta\n\nBack to [[alpha]] and [[alpha#Details]].\n")
;; eglot finds the vault as a project: make it a git repository.
(let ((default-directory vault)) (call-process "git" nil nil nil "init" "-q"))

;; The configuration a user loads, with the built server as its command.
(load (expand-file-name "../notelsp.el" (file-name-directory (or load-file-name buffer-file-name))))
(setq notelsp-command (split-string (getenv "NOTELSP_CMD")))
(check "notelsp.el registers the server for markdown-mode"
       (seq-find (lambda (entry) (and (consp (car entry)) (memq 'markdown-mode (car entry)))) eglot-server-programs))
(setq eglot-sync-connect 30)
;; A person answers "y" when eglot asks to edit files that are not open.
(fset 'y-or-n-p (lambda (&rest _) t))

;; 1. Diagnostics reach flymake.
(find-file (expand-file-name "alpha.md" vault))
;; eglot-ensure waits for a post-command-hook that batch mode never runs: connect as M-x eglot would.
(condition-case err (apply #'eglot (eglot--guess-contact)) (error (princ (format "eglot: %s\n" (error-message-string err)))))
(check "eglot connects" (wait-until (lambda () (eglot-current-server)) 60))
(flymake-mode 1)
(defun broken-link-diagnostics ()
  (seq-filter (lambda (d) (string-match-p "link-broken" (flymake-diagnostic-text d))) (flymake-diagnostics)))
(check "flymake shows the link-broken diagnostic"
       (wait-until (lambda () (progn (flymake-start) (broken-link-diagnostics))) 60)
       (format "%S" (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
(let ((d (car (broken-link-diagnostics))))
  (check "the diagnostic covers the target text"
         (and d (equal (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d)) "missing_note"))
         (and d (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d)))))

;; 2. xref definition jumps to the linked note.
(goto-text "[[beta]]" 3)
(condition-case err
    (progn
      (call-interactively #'xref-find-definitions)
      (check "xref definition opens beta.md" (string-suffix-p "beta.md" (or (buffer-file-name) "")) (buffer-file-name)))
  (error (check "xref definition opens beta.md" nil (error-message-string err))))

;; 3. Renaming a heading from a link to it: the heading and every link follow.
(find-file (expand-file-name "beta.md" vault))
(goto-text "[[alpha#Details]]" 9)
(condition-case err
    (progn
      (eglot-rename "Particulars")
      (save-some-buffers t)
      (check "eglot-rename renames the heading" (string-match-p "^## Particulars$" (read-note "alpha.md")) (read-note "alpha.md"))
      (check "eglot-rename rewrites the link" (string-match-p (regexp-quote "[[alpha#Particulars]]") (read-note "beta.md")) (read-note "beta.md")))
  (error (check "eglot-rename of a heading" nil (error-message-string err))))

;; 4. Renaming a note (a file) is refused clearly: eglot cannot rename files.
(goto-text "[[alpha]]" 3)
(let ((message (condition-case err (progn (eglot-rename "first") nil) (error (error-message-string err)))))
  (princ (format "refusal: %s\n" message))
  (check "a file rename is refused with a message" (and message (string-match-p "rename" message)) message)
  (check "nothing was renamed" (and (file-exists-p (expand-file-name "alpha.md" vault))
                                    (not (file-exists-p (expand-file-name "first.md" vault))))))

(ignore-errors (eglot-shutdown (eglot-current-server)))
(princ (format "%d passed, %d failed\n" passed failed))
(kill-emacs (if (= failed 0) 0 1))
