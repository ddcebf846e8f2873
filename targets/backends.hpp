#pragma once
// Every back-end instance, one family per folder (magstim/, magventure/, ttl/, bids/); backend.cpp
// lists them.

#include "targets/bids/bids_backends.hpp"
#include "targets/magstim/magstim_backends.hpp"
#include "targets/magventure/magventure_backend.hpp"
#include "targets/ttl/ttl_backends.hpp"
