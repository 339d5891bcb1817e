#! /bin/sh
# Generates configure and the Makefile templates.
autoreconf --install --force
