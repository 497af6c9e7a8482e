import TillitCore
