# bash completion for tmsc. Install: source this file from ~/.bashrc, or copy it to
# /usr/share/bash-completion/completions/tmsc.
_tmsc() {
  local cur prev words cword
  _init_completion 2>/dev/null || { cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"; cword=$COMP_CWORD; }
  local commands="check explain compile verify-table stats fmt new plot targets devices"
  local sub="${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi
  case "$prev" in
    --format) COMPREPLY=($(compgen -W "text json sarif" -- "$cur")); return ;;
    --view) COMPREPLY=($(compgen -W "session train course" -- "$cur")); return ;;
    --target)
      COMPREPLY=($(compgen -W "$(tmsc targets 2>/dev/null | awk '{print $1}')" -- "$cur")); return ;;
    --device)
      COMPREPLY=($(compgen -W "$(tmsc devices 2>/dev/null | awk '{print $1}')" -- "$cur")); return ;;
    --from) COMPREPLY=($(compgen -W "$(tmsc new --list 2>/dev/null | tail -n +2)" -- "$cur")); return ;;
    --emit) COMPREPLY=($(compgen -W "ast smt2" -- "$cur")); return ;;
    -o|--output|--attest|--rules|--sign|--pubkey|--source) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  local options
  case "$sub" in
    check) options="--format --emit --rules --strict --allow-waived-errors --device --rmt --amt --timeout" ;;
    explain) options="--rules --timeout" ;;
    compile) options="--target --device -o --output --attest --sign --set --rmt --amt --seed --max-pulses --rules --strict --allow-waived-errors" ;;
    verify-table) options="--source --pubkey" ;;
    stats) options="--set --rmt --amt --seed --max-pulses --rules --strict --allow-waived-errors" ;;
    fmt) options="--check" ;;
    new) options="--from --list" ;;
    plot) options="-o --output --view --set --rmt --amt --seed --max-pulses --rules --strict --allow-waived-errors" ;;
    targets) options="-l --long" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$options --help" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -X '!*.tms' -- "$cur") $(compgen -d -- "$cur"))
  fi
}
complete -F _tmsc tmsc
