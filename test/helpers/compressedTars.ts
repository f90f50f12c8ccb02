/**
 * One small tarball (bin/x.sh, a script that reboots through sudo; etc/app.conf) compressed three ways, made
 * for these tests with GNU tar 1.34, xz -9, bzip2 -9 and zstd -19: Node compresses none of these formats, and
 * the tests must not need the tools. Base64 of the exact bytes.
 */
export const COMPRESSED_TARS = {
  'app.tar.xz': '/Td6WFoAAATm1rRGAgAhARwAAAAQz1jM4Cf/AMhdADEaShsFkZA3OlG9V3Gz1uIDp1boMga9UTCjGx6y7oa8YpNd8fzBZFEcmmsTpgGY0nfddS+Kaw8WyQkgj+FdhgmWh+udRK3vIQ+AgbA2qeujjv7Vyz6qEABFawNZGZk7E0AtbVpzvINMJht0cnzAXdN8fod6QgvUtI4pCAYyXUivif1b8E9/jJpa6wRMlDy07PvprpSlcYG7wV1CnbC9GhUAyFxe8XHwr8yeOhJsWBPHk+/PcC3FuFEAslPTL5IXnHNxWsRrg40AAHXj2eFGT0paAAHkAYBQAAByPAXyscRn+wIAAAAABFla',
  'app.tar.bz2': 'QlpoOTFBWSZTWRasaOUAAN37hdqQAEBoA/+CBER/Zd5gAADAAAAIMADWMEpKeU8oNMINMTIwQPU2UEokEw0hkwCDTEMRkCqmoMp6kaYjJgjJhMENN9A84cyWlVeB8aoIiwIiAjtdSqMGgQBxHGSTGQiSRYSw8MUXF51L7Tpn/p9ufb9jq2WJtx9ZQlx5fbIHFK9rIsiLSMByK2xpN9ET+FFcS6jBUvVLjCrSSdrVAx7tRvs09KQaenwcr5pi50I7JljGxDhIivOWLQGsQM+KFzKQ0Ch8vWkF70CagFE8FzxDa+UED+LuSKcKEgLVjRyg',
  'app.tar.zst': 'KLUv/WQAJ1UFAAIIGhiAywPASJ3yQkkUngHOb0jTFAP4Ss/YSAHe0Dd8gU+6igqFT6Kkf3TNMSLnoRjmueN90c8JnaYZm4pcSO8VJXUAAk7bbK0mWiuSqpz9OemmRN/XZjttYwQvXmasaF6O9Vrebsc7SAUGGCBAKyqpBwI8iB4M96/axqhz5F5LHrDGWKt3MmCo8Tu1GbgOMNXoMHv0hga04FkojAPQ/kHqY6AEMQUYT/kNC+yuaw==',
} as const;
