SELECT key, value FROM build_info
